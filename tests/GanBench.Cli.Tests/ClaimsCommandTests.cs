using GanBench.Tests.Shared;

namespace GanBench.Cli.Tests;

/// <summary>`claims --calibration`: the calibration seeds' report goes to its own folder and says it chooses protocols, not verdicts.</summary>
public class ClaimsCommandTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

    [Fact]
    public void A_calibration_report_lands_in_its_own_folder_and_names_the_calibration_seeds()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "ganbench-claims-" + Guid.NewGuid().ToString("N"));
        try
        {
            var experiments = Path.Combine(SweepFixtures.RepoRoot, "experiments", "claims");
            var (code, _, err) = Cli("claims", "--calibration", "--report-only", "--only", "1,4", "--experiments", experiments, "--out", outDir);
            Assert.True(code == 0, err);
            string md = File.ReadAllText(Path.Combine(outDir, "calibration", "claims.md"));
            Assert.StartsWith("# Claims: calibration seeds", md);
            Assert.Contains("Calibration seeds (this run): 100, 101, 102, 103, 104.", md);
            Assert.Contains(Path.Combine(outDir, "calibration", "claim4-mode-coverage"), md);
            Assert.False(File.Exists(Path.Combine(outDir, "claims.md")), "a calibration run must not write the verdict report");
        }
        finally { if (Directory.Exists(outDir)) Directory.Delete(outDir, true); }
    }

    [Fact]
    public void A_claim_without_calibration_seeds_is_refused_with_exit_2()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ganbench-claims-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "claim3-x.yaml"), "name: x\nseeds: [0]\ndatasets: [ring8]\nlosses: [{loss: wgan_gp}]\n");
            var (code, _, err) = Cli("claims", "--calibration", "--report-only", "--only", "3", "--experiments", dir, "--out", Path.Combine(dir, "out"));
            Assert.Equal(2, code);
            Assert.Contains("claim3-x.yaml:1:1: error: this run asks for the calibration seeds, but the file has no calibration_seeds:", err);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
