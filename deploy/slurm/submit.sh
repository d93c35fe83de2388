#!/usr/bin/env bash
# Submits a sharded sweep and its merge: N array tasks, then one merge job that runs only if
# every task succeeded (afterok). Re-running this after a failure resumes every shard.
#   deploy/slurm/submit.sh experiments/smoke.yaml results/smoke 4
set -euo pipefail
experiment=${1:?usage: submit.sh EXPERIMENT.yaml RESULTS_DIR SHARDS}
results=${2:?usage: submit.sh EXPERIMENT.yaml RESULTS_DIR SHARDS}
shards=${3:?usage: submit.sh EXPERIMENT.yaml RESULTS_DIR SHARDS}
here=$(cd "$(dirname "$0")" && pwd)
dll=${GANBENCH_DLL:-src/GanBench.Cli/bin/Release/net10.0/ganbench.dll}

# cpu (default) or cuda: the same switch as run.ps1 and the nightly workflow.
backend=${GANBENCH_TORCH_BACKEND:-cpu}
dotnet build src/GanBench.Cli -c Release "-p:GanBenchTorchBackend=$backend" --nologo -v quiet
mkdir -p logs
array=$(sbatch --parsable --array="0-$((shards - 1))" "$here/ganbench-array.sbatch" "$experiment" "$results")
merge=$(sbatch --parsable --dependency="afterok:${array%%;*}" --job-name=ganbench-merge \
  --output=logs/%x-%j.out --time=00:30:00 --wrap="dotnet '$dll' merge '$results'")
echo "array job $array ($shards shards), merge job $merge; reports in $results/summary.md"
