#!/usr/bin/env bash
# Run once on a machine with an NVIDIA GPU to verify GanBench's CUDA build end to end:
# build against libtorch-cuda, check the device, run the smoke experiment on --device cuda,
# and print its wall time and throughput. Exits non-zero at the first step that fails, saying which.
#   bash tools/gpu-check.sh            (see docs/gpu.md)
set -uo pipefail
cd "$(dirname "$0")/.."
export GANBENCH_TORCH_BACKEND=cuda
export CUBLAS_WORKSPACE_CONFIG=:4096:8
out=$(mktemp -d /tmp/ganbench-gpu-check.XXXXXX)
step() { echo "== $*"; }
fail() { echo "gpu-check: FAILED at: $*" >&2; exit 1; }

step "GPU"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || fail "nvidia-smi (no driver or no GPU visible)"

step "build with -p:GanBenchTorchBackend=cuda"
dotnet build src/GanBench.Cli -c Release -p:GanBenchTorchBackend=cuda --nologo -v quiet -clp:ErrorsOnly \
  || fail "build (is libtorch-cuda-12.8-linux-x64 served by your NuGet source?)"
dll=src/GanBench.Cli/bin/Release/net10.0/ganbench.dll
echo cuda > src/GanBench.Cli/bin/Release/net10.0/ganbench.backend

step "smoke sweep on --device cuda"
start=$(date +%s.%N)
dotnet "$dll" run experiments/smoke.yaml --device cuda --plain --out "$out" || fail "smoke sweep on cuda"
end=$(date +%s.%N)

step "results"
awk -F, 'NR>1 { n++; if ($6 == "ok") ok++; steps += $7 } END { printf "%d trials, %d ok, %d generator steps\n", n, ok, steps }' "$out/runs.csv"
awk -F, -v wall="$(echo "$end - $start" | bc)" 'NR>1 { steps += $7 } END { printf "wall %.1f s, %.0f trial-steps/s\n", wall, steps / wall }' "$out/runs.csv"
grep -q ",ok," "$out/runs.csv" || fail "no trial finished ok"
echo "gpu-check: ok; results in $out"
