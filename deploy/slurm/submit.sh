#!/usr/bin/env bash
# Submits a sharded sweep and its merge: N array tasks, then one merge job that runs only if
# every task succeeded (afterok). Re-running this after a failure resumes every shard.
#   deploy/slurm/submit.sh experiments/smoke.yaml results/smoke 4
# Resources (per task): GANBENCH_SLURM_CPUS (2), GANBENCH_SLURM_MEM (4G), GANBENCH_SLURM_TIME
# (08:00:00), GANBENCH_SLURM_GPUS (0: none requested; N > 0 adds --gres=gpu:N and --device cuda).
# GANBENCH_TORCH_BACKEND=cuda builds against libtorch-cuda (docs/gpu.md).
set -euo pipefail
experiment=${1:?usage: submit.sh EXPERIMENT.yaml RESULTS_DIR SHARDS}
results=${2:?usage: submit.sh EXPERIMENT.yaml RESULTS_DIR SHARDS}
shards=${3:?usage: submit.sh EXPERIMENT.yaml RESULTS_DIR SHARDS}
here=$(cd "$(dirname "$0")" && pwd)
dll=${GANBENCH_DLL:-src/GanBench.Cli/bin/Release/net10.0/ganbench.dll}

# cpu (default) or cuda: the same switch as run.ps1 and the nightly workflow.
backend=${GANBENCH_TORCH_BACKEND:-cpu}
dotnet build src/GanBench.Cli -c Release "-p:GanBenchTorchBackend=$backend" --nologo -v quiet
# Resources per task, the submitter's choice; a GPU only when asked for (clusters without GPU
# gres refuse any --gres=gpu request).
gpus=${GANBENCH_SLURM_GPUS:-0}
resources=(--cpus-per-task="${GANBENCH_SLURM_CPUS:-2}" --mem="${GANBENCH_SLURM_MEM:-4G}" --time="${GANBENCH_SLURM_TIME:-08:00:00}")
if [ "$gpus" -gt 0 ]; then
  resources+=(--gres="gpu:$gpus")
  export GANBENCH_DEVICE=${GANBENCH_DEVICE:-cuda}
fi
mkdir -p logs
array=$(sbatch --parsable --array="0-$((shards - 1))" "${resources[@]}" --export=ALL "$here/ganbench-array.sbatch" "$experiment" "$results")
merge=$(sbatch --parsable --dependency="afterok:${array%%;*}" --job-name=ganbench-merge \
  --output=logs/%x-%j.out --time=00:30:00 --wrap="dotnet '$dll' merge '$results'")
echo "array job $array ($shards shards), merge job $merge; reports in $results/summary.md"
