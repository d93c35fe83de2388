namespace GanBench.Core.Tests;

/// <summary>
/// The torch backend is one switch (GANBENCH_TORCH_BACKEND, i.e. -p:GanBenchTorchBackend) that every
/// entry point must forward: a GPU runner built without it trains on the CPU all night. The CUDA
/// build cannot be compiled here (its libtorch is not on this mirror), so the contract is checked
/// where it lives: in the entry points' text.
/// </summary>
public class ShippedEntryPointTests
{
    private static string Read(string relative) => File.ReadAllText(Path.Combine(ShippedTrialIdTests.RepoRoot(), relative));

    [Fact]
    public void Run_ps1_builds_with_the_backend_switch_and_treats_a_build_for_the_other_backend_as_stale()
    {
        var script = Read("run.ps1");
        Assert.Contains("$env:GANBENCH_TORCH_BACKEND", script);
        Assert.Contains("\"-p:GanBenchTorchBackend=$backend\"", script);
        Assert.Contains("ganbench.backend", script);
        Assert.Contains("-ne $backend", script);
    }

    [Fact]
    public void The_nightly_workflow_builds_for_cuda_and_refuses_to_fall_back_to_the_cpu()
    {
        var workflow = Read(".github/workflows/nightly-gpu.yml");
        Assert.Contains("GANBENCH_TORCH_BACKEND: cuda", workflow);
        Assert.Contains("--device cuda", workflow);
        Assert.DoesNotContain("--device auto", workflow);
    }

    [Fact]
    public void The_nightly_workflow_gates_against_the_history_keeps_it_and_fails_on_a_regression()
    {
        var workflow = Read(".github/workflows/nightly-gpu.yml");
        // The gate's logic is one script, which SimulatedNightsTests runs on real sweeps.
        Assert.Contains("tools/nightly-gate.sh \"$RESULTS\" \"$HISTORY\"", workflow);
        Assert.Contains("actions/cache/restore@v4", workflow);
        Assert.Contains("actions/cache/save@v4", workflow);
        Assert.Contains("history/history.sqlite", workflow);
        // The exit code is carried to a last step, so that a failing night still saves and uploads its history.
        Assert.True(workflow.IndexOf("name: Fail on a regression", StringComparison.Ordinal) > workflow.IndexOf("actions/upload-artifact@v4", StringComparison.Ordinal));
        Assert.Contains("exit \"$code\"", workflow);
        var script = Read("tools/nightly-gate.sh");
        Assert.Contains("--against \"history:last $nights\"", script);
        Assert.Contains("--pass-without-history", script);
        Assert.Contains("GITHUB_STEP_SUMMARY", script);
    }

    [Fact]
    public void Slurm_kubernetes_and_the_gpu_check_forward_the_switch()
    {
        Assert.Contains("-p:GanBenchTorchBackend=$backend", Read("deploy/slurm/submit.sh"));
        Assert.Contains("${GANBENCH_TORCH_BACKEND:-cpu}", Read("deploy/slurm/submit.sh"));
        Assert.Contains("-p:GanBenchTorchBackend=cuda", Read("deploy/kubernetes/ganbench-indexed-job.yaml"));
        Assert.Contains("-p:GanBenchTorchBackend=cuda", Read("tools/gpu-check.sh"));
        Assert.Contains("--device cuda", Read("tools/gpu-check.sh"));
    }

    [Fact]
    public void The_training_project_swaps_libtorch_and_tells_the_code_which_one_it_has()
    {
        var project = Read("src/GanBench.Training/GanBench.Training.csproj");
        Assert.Contains("Condition=\"'$(GanBenchTorchBackend)' == 'cuda'\"", project);
        Assert.Contains("libtorch-cuda-12.8-linux-x64", project);
        Assert.Contains("GANBENCH_CUDA", project);
    }

    [Fact]
    public void The_slurm_example_fixes_no_resources_and_asks_for_a_gpu_only_when_told()
    {
        var sbatch = Read("deploy/slurm/ganbench-array.sbatch");
        Assert.DoesNotContain("#SBATCH --gres", sbatch);
        Assert.DoesNotContain("#SBATCH --mem", sbatch);
        Assert.DoesNotContain("#SBATCH --cpus-per-task", sbatch);
        Assert.Contains("--jobs \"${SLURM_CPUS_PER_TASK:-1}\"", sbatch);
        var submit = Read("deploy/slurm/submit.sh");
        Assert.Contains("--cpus-per-task=\"${GANBENCH_SLURM_CPUS:-2}\"", submit);
        Assert.Contains("if [ \"$gpus\" -gt 0 ]; then", submit);
        Assert.Contains("\"${resources[@]}\"", submit);
    }
}
