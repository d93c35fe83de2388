#!/usr/bin/env bash
# The nightly gate, after the sweep: adds tonight's results folder to the history, compares it with
# the last N nights (this decides the exit code) and its arms with the experiment's baseline arm (for
# the record), draws the trends, and writes one markdown summary for the CI job page.
#
#   tools/nightly-gate.sh RESULTS_DIR HISTORY_FILE LABEL
#
# Exit: 0 pass (also on the first night, when the history holds nothing to compare with),
#       3 a regression against the history, anything else: the error of the step that failed.
# Environment: GANBENCH_GATE_NIGHTS (default 7), GANBENCH (the command, default
# "dotnet pwsh -NoProfile -File ./run.ps1"), GITHUB_STEP_SUMMARY (the summary is appended there too).
set -uo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: tools/nightly-gate.sh RESULTS_DIR HISTORY_FILE LABEL" >&2
  exit 2
fi
results=$1 history=$2 label=$3
nights=${GANBENCH_GATE_NIGHTS:-7}
read -r -a ganbench <<< "${GANBENCH:-dotnet pwsh -NoProfile -File ./run.ps1}"
summary="$results/nightly-gate.md"

# "Re-run failed jobs" comes back to the same folder: it is added once (history.json marks it).
if [ ! -f "$results/history.json" ]; then
  "${ganbench[@]}" history add "$results" --history "$history" --label "$label" || exit $?
fi

"${ganbench[@]}" compare "$results" --against "history:last $nights" --history "$history" --pass-without-history
gate=$?
if [ "$gate" -ne 0 ] && [ "$gate" -ne 3 ]; then exit "$gate"; fi
# Both comparisons write compare.md/json; each keeps its own copy.
for ext in md json; do
  if [ -f "$results/compare.$ext" ]; then mv "$results/compare.$ext" "$results/compare-history.$ext"; fi
done

baseline=$(sed -n "s/^baseline: *['\"]\{0,1\}\([^'\"]*\)['\"]\{0,1\} *$/\1/p" "$results/config.resolved.yaml" | head -n 1)
if [ -n "$baseline" ]; then
  "${ganbench[@]}" compare "$results" --baseline "$baseline" || exit $?
  for ext in md json; do mv "$results/compare.$ext" "$results/compare-baseline.$ext"; done
fi

experiment=$(sed -n "s/^name: *['\"]\{0,1\}\([^'\"]*\)['\"]\{0,1\} *$/\1/p" "$results/config.resolved.yaml" | head -n 1)
"${ganbench[@]}" history show --history "$history" --experiment "$experiment" --plots "$results/history-plots" > "$results/history-trend.txt" || exit $?

{
  if [ "$gate" -eq 3 ]; then echo "## Nightly gate: FAIL, regression against the last $nights night(s)"; else echo "## Nightly gate: pass"; fi
  echo
  if [ -f "$results/compare-history.md" ]; then
    sed 's/^# Comparison$/### Against the last nights/' "$results/compare-history.md"
  else
    echo "First night of '$experiment' in the history: nothing to compare with yet."
  fi
  if [ -f "$results/compare-baseline.md" ]; then
    echo
    sed "s/^# Comparison$/### Arms against the baseline arm '$baseline' (informative, never fails the job)/" "$results/compare-baseline.md"
  fi
  echo
  echo "### Trend (IQM over seeds per night)"
  echo
  echo '```'
  cat "$results/history-trend.txt"
  echo '```'
} > "$summary"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$summary" >> "$GITHUB_STEP_SUMMARY"; fi
echo "nightly gate: $([ "$gate" -eq 3 ] && echo FAIL || echo pass); summary in $summary"
exit "$gate"
