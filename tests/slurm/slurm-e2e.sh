#!/usr/bin/env bash
# The Slurm example against a real single-node Slurm (Debian's slurmctld, slurmd, munge), run as
# root on a throwaway machine: deploy/slurm/submit.sh with 2 shards and no GPU, one array task
# requeued while it trains, the afterok merge, and the merged runs.csv checked against a
# single-process run of the same experiment (identical rows apart from timings). Slow (minutes)
# and needs root, so it is not part of .ci/run:  bash tests/slurm/slurm-e2e.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d /tmp/ganbench-slurm.XXXXXX)
fail() { echo "slurm-e2e: FAILED: $*" >&2; exit 1; }

start_slurm() {
  if ! command -v slurmctld >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y slurmctld slurmd slurm-client munge >/dev/null
  fi
  mkdir -p /run/munge /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
  chown munge:munge /run/munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged
  local host cpus mem
  host=$(hostname); cpus=$(nproc); mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 2048 ))
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
  pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
  for _ in $(seq 30); do sinfo -h -o %t 2>/dev/null | grep -q idle && return; sleep 1; done
  fail "the Slurm node never became idle: $(sinfo 2>&1)"
}

# Four trials, each long enough to be requeued mid-training, with checkpoints.
cat > "$work/exp.yaml" <<'YAML'
name: slurm-e2e
seeds: [0, 1]
datasets: [ring8]
model: { latent_dim: 2, generator: {type: mlp, hidden: 32, layers: 2}, critic: {type: mlp, hidden: 32, layers: 2} }
train: { iterations: 600, batch_size: 64, critic_steps: 2, checkpoint_every: 100 }
losses: [ { loss: non_saturating }, { loss: wgan_gp, gp_weight: 1 } ]
eval: { every: 200, samples: 200 }
YAML

start_slurm
dll=src/GanBench.Cli/bin/Release/net10.0/ganbench.dll
results="$work/sharded"
GANBENCH_SLURM_CPUS=1 GANBENCH_SLURM_MEM=2G GANBENCH_SLURM_TIME=00:30:00 \
  deploy/slurm/submit.sh "$work/exp.yaml" "$results" 2 | tee "$work/submit.out"
array=$(grep -o 'array job [0-9]*' "$work/submit.out" | grep -o '[0-9]*')
merge=$(grep -o 'merge job [0-9]*' "$work/submit.out" | grep -o '[0-9]*')

# Requeue task 0 once it is running and has written something.
for _ in $(seq 120); do
  if squeue -h -j "${array}_0" -o %T 2>/dev/null | grep -q RUNNING && [ -d "$results/shards" ]; then break; fi
  sleep 1
done
sleep 5
scontrol requeue "${array}_0" || fail "could not requeue ${array}_0"
echo "slurm-e2e: requeued ${array}_0"

for _ in $(seq 900); do
  state=$(sacct -n -X -j "$merge" -o State 2>/dev/null | head -1 | tr -d ' ' || true)
  if [ -z "$state" ]; then state=$(squeue -h -j "$merge" -o %T 2>/dev/null || true); fi
  [ -z "$state" ] && [ -f "$results/runs.csv" ] && break
  case "$state" in COMPLETED) break ;; FAILED|CANCELLED*|TIMEOUT|DEPENDENCY*) fail "merge job $merge ended $state; logs in logs/" ;; esac
  sleep 2
done
[ -f "$results/runs.csv" ] || fail "no merged runs.csv in $results"

# The same experiment in one process; rows must agree apart from timings.
dotnet "$dll" run "$work/exp.yaml" --jobs 1 --plain --out "$work/single" >/dev/null
compare_cols() { awk -F, 'BEGIN{OFS=","} {$8=""; $9=""; print}' "$1"; }
if ! diff <(compare_cols "$results/runs.csv") <(compare_cols "$work/single/runs.csv") >/dev/null; then
  diff <(compare_cols "$results/runs.csv") <(compare_cols "$work/single/runs.csv") | head -20
  fail "merged runs.csv differs from the single-process run"
fi
echo "slurm-e2e: ok: 2 shards, task 0 requeued mid-training, afterok merge, $(($(wc -l < "$results/runs.csv") - 1)) trials equal to one process"
