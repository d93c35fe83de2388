using GanBench.Training.Components;
using GanBench.Abstractions;
using GanBench.Core.Config;
using GanBench.Core.Results;
using GanBench.Training.Plugins;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Cli.Tests.PluginFixtures
{
    /// <summary>Loaded as a plugin by the tests below (this test assembly doubles as a broken plugin).</summary>
    public sealed class ClashingHinge : IObjective
    {
        public string Name => "hinge";
        public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) => fakeLogits.mean();
        public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -fakeLogits.mean();
    }

    [Component("meant to be a loss, but implements nothing")]
    public sealed class NotAnObjective;

    /// <summary>Positional records have no parameterless constructor, so they cannot be bound key by key.</summary>
    public sealed record PositionalOptions([property: ComponentParameter("positional_scale", 1.0)] double Scale);

    public sealed class PositionalOptionsPenalty(PositionalOptions options) : IPenalty
    {
        public string Name => "positional_penalty";
        public Tensor Compute(PenaltyContext context) => torch.zeros([]) * options.Scale;
    }

    /// <summary>A plugin's code is the user's code and may throw anywhere, even in Name.</summary>
    public sealed class ThrowingName : IObjective
    {
        public string Name => throw new InvalidOperationException("no name today");
        public Tensor CriticLoss(Tensor realLogits, Tensor fakeLogits) => fakeLogits.mean();
        public Tensor GeneratorLoss(Tensor? realLogits, Tensor fakeLogits) => -fakeLogits.mean();
    }
}

namespace GanBench.Cli.Tests
{
    /// <summary>Plugins through the CLI, as a user meets them: exit codes, messages, results.</summary>
    public class PluginTests
    {
        private static (int Code, string Out, string Err) Cli(params string[] args) => InProcessCli.Run(args);

        private static string TempDir()
        {
            var dir = Path.Combine(Path.GetTempPath(), "ganbench-plugins-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>samples/plugin-vs-baselines.yaml with its plugin path pointed at this build's copy.</summary>
        private static string SampleExperiment(string dir)
        {
            var yaml = File.ReadAllText(Path.Combine(SamplePlugin.RepoRoot, "samples", "plugin-vs-baselines.yaml"));
            Assert.Contains("plugins: [MyLosses/bin/Release/net10.0/MyLosses.dll]", yaml);
            yaml = yaml.Replace("plugins: [MyLosses/bin/Release/net10.0/MyLosses.dll]", $"plugins: [\"{SamplePlugin.DllPath}\"]");
            var path = Path.Combine(dir, "plugin-vs-baselines.yaml");
            File.WriteAllText(path, yaml);
            return path;
        }

        private static string Experiment(string dir, string plugin) =>
            WriteExperiment(dir, $"name: p\ndatasets: [ring8]\nplugins: [\"{plugin}\"]\nlosses: [{{loss: non_saturating}}]\n");

        private static string WriteExperiment(string dir, string yaml)
        {
            var path = Path.Combine(dir, "e.yaml");
            File.WriteAllText(path, yaml);
            return path;
        }

        [Fact]
        [Trait("Category", "Slow")]
        public void Sample_plugin_runs_next_to_the_baselines_and_appears_in_the_results()
        {
            var dir = TempDir();
            var experiment = SampleExperiment(dir);

            var validate = Cli("validate", experiment);
            Assert.True(validate.Code == 0, validate.Err);
            Assert.Contains("arm: \"smoothed_ns label_smoothing=0.1\"", validate.Out);
            Assert.Contains("# r3gan expands to: loss: rpgan, penalty: r1r2, penalty_weight: 10", validate.Out);
            Assert.Contains("# wgan_gp expands to: loss: wasserstein, penalty: gp, penalty_weight: 10", validate.Out);

            var outDir = Path.Combine(dir, "results");
            var run = Cli("run", experiment, "--out", outDir, "--device", "cpu", "--jobs", "1");
            Assert.True(run.Code == 0, run.Err);
            var runs = RunsCsv.ReadRuns(Path.Combine(outDir, ResultsDirectory.RunsFile));
            var arms = runs.Select(r => r.Trial.Arm).Distinct().ToList();
            Assert.Equal(["smoothed_ns label_smoothing=0.1", "smoothed_ns label_smoothing=0.2", "non_saturating", "wgan_gp gp_weight=0.1", "hinge penalty=r1 penalty_weight=1", "r3gan penalty_weight=1"], arms);
            Assert.All(runs, r => Assert.Equal(TrialStatus.Ok, r.Trial.Status));
            Assert.All(runs, r => Assert.True(r.Trial.Metrics["w1_exact"] is double w && double.IsFinite(w)));
            Assert.Contains("smoothed_ns", File.ReadAllText(Path.Combine(outDir, "summary.md")));

            // The setup columns say what each arm is without parsing its label.
            var hinge = runs.First(r => r.Trial.Arm == "hinge penalty=r1 penalty_weight=1").Setup;
            Assert.Equal(("hinge", "r1", 1.0), (hinge.Objective, hinge.Penalty, hinge.PenaltyWeight));
            Assert.Equal(0.2, runs.First(r => r.Trial.Arm == "smoothed_ns label_smoothing=0.2").Setup.Options["label_smoothing"]);
            Assert.Matches(@"^ganbench=\d+\.\d+\.\d+\+src\.[0-9a-f]{12}; smoothed_ns=MyLosses\.dll#[0-9a-f]{12}$", runs.First(r => r.Setup.Loss == "smoothed_ns").Implementation);
            Assert.DoesNotContain("smoothed_ns", runs.First(r => r.Setup.Loss == "non_saturating").Implementation);
            Assert.All(runs, r => Assert.Equal("cpu", r.Platform.Device));
            Assert.All(runs, r => Assert.StartsWith("libtorch=", r.Platform.Description));

            // Reports load the run's plugins: the sample plots of every arm show real data and the critic surface.
            var report = Cli("report", outDir);
            Assert.True(report.Code == 0, report.Err);
            Assert.DoesNotContain("not drawn", File.ReadAllText(Path.Combine(outDir, "report.md")));
            Assert.True(File.Exists(Path.Combine(outDir, "plots", "samples_ring8_smoothed_ns_label_smoothing_0.1.png")));
        }

        [Theory]
        [Trait("Category", "Slow")]
        [InlineData("", "d_loss")]
        [InlineData("protocol: {kind: frozen_generator, pretrain_steps: 20, critic_steps: 300, checkpoints: 3}\n", "d_real_prob")]
        public void A_plugin_option_changes_the_numbers_as_its_maths_says_under_every_schedule(string protocol, string metric)
        {
            // One-sided label smoothing caps the critic's confidence on real data at 1 - label_smoothing:
            // the critic loss cannot fall as far, and D(real) stays near 0.55 instead of 1.
            var dir = TempDir();
            var experiment = WriteExperiment(dir, $"name: p\nseeds: [0]\ndatasets: [ring8]\nplugins: [\"{SamplePlugin.DllPath}\"]\n{protocol}" +
                "model: {generator: {hidden: 16, layers: 2}, critic: {hidden: 16, layers: 2}}\n" +
                "train: {iterations: 40, batch_size: 64, critic_steps: 5, optimizer: {lr: 1.0e-3}}\neval: {every: 20, samples: 200}\n" +
                "losses: [{loss: smoothed_ns, label_smoothing: [0, 0.45]}]\n");
            var outDir = Path.Combine(dir, "r");
            var run = Cli(experiment, "--out", outDir, "--jobs", "1");
            Assert.True(run.Code == 0, run.Err);
            var runs = RunsCsv.ReadRuns(Path.Combine(outDir, ResultsDirectory.RunsFile));
            double Value(double smoothing) => runs.Single(r => r.Setup.Options["label_smoothing"] == smoothing).Trial.Metrics[metric]!.Value;
            if (metric == "d_loss") Assert.True(Value(0.45) > Value(0) + 0.03, $"d_loss {Value(0.45)} vs {Value(0)}");
            else Assert.True(Value(0.45) < 0.7 && Value(0) > 0.8, $"D(real) {Value(0.45)} with smoothing vs {Value(0)} without");
        }

        [Fact]
        public void A_rebuilt_plugin_is_refused_on_resume_naming_the_component()
        {
            var dir = TempDir();
            var dll = Path.Combine(dir, "MyLosses.dll");
            File.Copy(SamplePlugin.DllPath, dll);
            var experiment = WriteExperiment(dir, $"name: p\nseeds: [0]\ndatasets: [ring8]\nplugins: [\"{dll}\"]\n" +
                "model: {generator: {hidden: 16, layers: 1}, critic: {hidden: 16, layers: 1}}\ntrain: {iterations: 4, batch_size: 32, critic_steps: 1}\n" +
                "eval: {every: 2, samples: 64}\nlosses: [{loss: smoothed_ns}, {loss: non_saturating}]\n");
            var outDir = Path.Combine(dir, "r");
            var first = Cli(experiment, "--out", outDir, "--jobs", "1");
            Assert.True(first.Code == 0, first.Err);
            var runsPath = Path.Combine(outDir, ResultsDirectory.RunsFile);
            var before = File.ReadAllText(runsPath);

            // A rebuild changes the assembly's bytes; the old rows were computed by other code.
            File.AppendAllBytes(dll, [0]);
            var again = Cli(experiment, "--out", outDir, "--jobs", "1");
            Assert.Equal(2, again.Code);
            Assert.Contains("1 finished trial(s) were computed by other code", again.Err);
            Assert.Contains("plugin component 'smoothed_ns' was MyLosses.dll#", again.Err);
            Assert.Contains("--out", again.Err);
            Assert.Equal(before, File.ReadAllText(runsPath));
        }

        [Fact]
        public void List_shows_plugin_components_with_parameters_when_asked()
        {
            var (code, output, err) = Cli("list", "--plugins", SamplePlugin.DllPath);
            Assert.True(code == 0, err);
            Assert.Contains("smoothed_ns", output);
            Assert.Contains("label_smoothing = 0.1 (in [0, 0.5])  real target is 1 - label_smoothing", output);
            Assert.DoesNotContain("smoothed_ns", Cli("list").Out);
        }

        [Fact]
        public void Plugin_parameters_are_range_checked_like_builtins()
        {
            var dir = TempDir();
            var path = WriteExperiment(dir, $"name: p\ndatasets: [ring8]\nplugins: [\"{SamplePlugin.DllPath}\"]\nlosses: [{{loss: smoothed_ns, label_smoothing: 0.7}}, {{loss: smoothed_ns, label_smoothin: 0.1}}]\n");
            var (code, _, err) = Cli("validate", path);
            Assert.Equal(2, code);
            Assert.Contains("label_smoothing", err);
            Assert.Contains("0.5", err);
            Assert.Contains("did you mean", err);
        }

        [Fact]
        public void Missing_plugin_exits_2_with_the_path()
        {
            var dir = TempDir();
            var (code, _, err) = Cli("validate", Experiment(dir, "nowhere/MyLosses.dll"));
            Assert.Equal(2, code);
            Assert.Contains("does not exist", err);
        }

        [Fact]
        public void A_file_that_is_not_an_assembly_exits_2()
        {
            var dir = TempDir();
            File.WriteAllText(Path.Combine(dir, "Broken.dll"), "this is not a PE file");
            var (code, _, err) = Cli("validate", Experiment(dir, "Broken.dll"));
            Assert.Equal(2, code);
            Assert.Contains("is not a .NET assembly (bad image format)", err);
        }

        [Fact]
        public void An_assembly_without_components_exits_2()
        {
            var dir = TempDir();
            var (code, _, err) = Cli("validate", Experiment(dir, typeof(ComponentCatalog).Assembly.Location));
            Assert.Equal(2, code);
            Assert.Contains("no public class implements IObjective or IPenalty", err);
        }

        [Fact]
        public void A_clash_with_a_builtin_a_marked_type_that_implements_nothing_and_unbindable_options_are_all_reported()
        {
            var dir = TempDir();
            var (code, _, err) = Cli("run", Experiment(dir, typeof(PluginTests).Assembly.Location), "--out", Path.Combine(dir, "r"), "--jobs", "1");
            Assert.Equal(2, code);
            Assert.Contains("PluginFixtures.ClashingHinge is named 'hinge', which is already the built-in objective 'hinge'", err);
            Assert.Contains("PluginFixtures.NotAnObjective is marked [Component] but implements neither IObjective nor IPenalty", err);
            Assert.Contains("PluginFixtures.PositionalOptionsPenalty: its options type PositionalOptions needs a public parameterless constructor", err);
            Assert.Contains("PluginFixtures.ThrowingName: its Name property failed: no name today", err);
            Assert.False(Directory.Exists(Path.Combine(dir, "r")), "nothing may run when a plugin is rejected");
        }
    }
}
