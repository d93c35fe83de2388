# GanBench entry point: builds the CLI when its sources changed, then runs it.
#   dotnet pwsh -NoProfile -File ./run.ps1 experiments/wgan-vs-gp.yaml [--out DIR] [--device auto|cpu|cuda]
#   dotnet pwsh -NoProfile -File ./run.ps1 validate|list ...
#   dotnet pwsh -NoProfile -File ./run.ps1 claims [--only 1,3] [--report-only] [--jobs N]   (results/claims/claims.md)
#   dotnet pwsh -NoProfile -File ./run.ps1 compare results/tonight --against results/reference   (exit 3 on a regression)
# No param() block on purpose: PowerShell would try to bind --out as one of its own common
# parameters; every argument goes through $args to the C# command line unchanged.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$project = Join-Path $root 'src/GanBench.Cli/GanBench.Cli.csproj'
$configuration = if ($env:GANBENCH_CONFIGURATION) { $env:GANBENCH_CONFIGURATION } else { 'Release' }
$dll = Join-Path $root "src/GanBench.Cli/bin/$configuration/net10.0/ganbench.dll"
# Which libtorch to build against: cpu (default) or cuda. The one switch for every entry point
# (this script, the nightly workflow, deploy/slurm); a build for the other backend is stale.
$backend = if ($env:GANBENCH_TORCH_BACKEND) { $env:GANBENCH_TORCH_BACKEND } else { 'cpu' }
if ($backend -notin @('cpu', 'cuda')) {
    [Console]::Error.WriteLine("error: GANBENCH_TORCH_BACKEND must be cpu or cuda, got '$backend'")
    exit 2
}
$backendStamp = Join-Path (Split-Path $dll) 'ganbench.backend'

# Rebuild only when a source or build file is newer than the built CLI: an up-to-date
# `dotnet build` still costs seconds, which matters for `validate` in editor loops.
$needsBuild = -not (Test-Path $dll) -or -not (Test-Path $backendStamp) -or ((Get-Content $backendStamp -Raw).Trim() -ne $backend)
if (-not $needsBuild) {
    $built = (Get-Item $dll).LastWriteTimeUtc
    $inputs = Get-ChildItem -Path (Join-Path $root 'src'), (Join-Path $root 'build') -Recurse -File -Include *.cs, *.csproj, *.targets, *.props |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    $inputs += Get-ChildItem -Path $root -File -Filter 'Directory.*'
    $needsBuild = @($inputs | Where-Object { $_.LastWriteTimeUtc -gt $built }).Count -gt 0
}
if ($needsBuild) {
    Write-Host "building GanBench ($configuration, libtorch $backend)..."
    & dotnet build $project -c $configuration "-p:GanBenchTorchBackend=$backend" --nologo -v quiet -clp:ErrorsOnly | Out-Host
    if ($LASTEXITCODE -ne 0) { Write-Error "build failed"; exit 1 }
    Set-Content -Path $backendStamp -Value $backend -NoNewline
}

& dotnet $dll @args
exit $LASTEXITCODE
