using GanBench.Abstractions;
using GanBench.Core.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace GanBench.Training.Components;

/// <summary>
/// Calls every objective and penalty a sweep uses once, on small float32 inputs, before any trial
/// starts: a loss that returns a batch instead of a scalar, or throws, is a problem with the
/// component to report with exit 2, not a native backtrace in every trial's row. It checks the
/// contract, not the maths; that is the conformance kit's job.
/// </summary>
public static class ComponentPreflight
{
    private const int Batch = 8;

    /// <returns>One line per problem, naming the component and what to change.</returns>
    public static IReadOnlyList<string> Check(ComponentRegistry registry, IEnumerable<TrialSpec> trials)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trial in trials)
        {
            var loss = trial.Loss;
            var parameters = loss.Parameters;
            string key = $"{loss.Objective}|{loss.Penalty}|{string.Join(",", parameters.Select(p => $"{p.Key}={p.Value}"))}";
            if (!seen.Add(key)) continue;
            using var scope = torch.NewDisposeScope();
            problems.AddRange(CheckObjective(loss.Objective, () => registry.Objective(loss.Objective, loss.Parameters)));
            if (loss.Penalty != "none")
                problems.AddRange(CheckPenalty(loss.Penalty, () => registry.Penalty(loss.Penalty, loss.Parameters), parameters));
        }
        return problems.Distinct().ToList();
    }

    private static IEnumerable<string> CheckObjective(string name, Func<IObjective> create)
    {
        var problems = new List<string>();
        Guard(problems, $"objective '{name}'", "creating it", () =>
        {
            var objective = create();
            var real = torch.randn([Batch], generator: new torch.Generator(1));
            var fake = torch.randn([Batch], generator: new torch.Generator(2));
            Scalar(problems, $"objective '{name}'", "CriticLoss", () => objective.CriticLoss(real, fake));
            Scalar(problems, $"objective '{name}'", "GeneratorLoss", () => objective.GeneratorLoss(objective.GeneratorUsesRealLogits ? real : null, fake));
        });
        return problems;
    }

    private static IEnumerable<string> CheckPenalty(string name, Func<IPenalty> create, IReadOnlyDictionary<string, double> parameters)
    {
        var problems = new List<string>();
        Guard(problems, $"penalty '{name}'", "creating it", () =>
        {
            var penalty = create();
            var weight = torch.randn([2, 1], generator: new torch.Generator(3));
            Tensor Critic(Tensor x) => torch.tanh(x.matmul(weight)).squeeze(-1);
            var real = torch.randn([Batch, 2], generator: new torch.Generator(4));
            var fake = torch.randn([Batch, 2], generator: new torch.Generator(5));
            Scalar(problems, $"penalty '{name}'", "Compute", () => penalty.Compute(new PenaltyContext(Critic, real, fake, new torch.Generator(6), parameters)));
        });
        return problems;
    }

    private static void Scalar(List<string> problems, string component, string method, Func<Tensor> call) => Guard(problems, component, method, () =>
    {
        var value = call();
        if (value.dim() != 0)
            problems.Add($"{component}: {method} returned a tensor of shape [{string.Join(", ", value.shape)}]; it must return a scalar (reduce the batch, e.g. with .mean())");
    });

    private static void Guard(List<string> problems, string component, string what, Action action)
    {
        try { action(); }
        catch (Exception e)
        {
            problems.Add($"{component}: {what} failed: {FirstLine(e.Message)}");
        }
    }

    /// <summary>libtorch appends a C++ backtrace to its messages; the first line says what went wrong.</summary>
    public static string FirstLine(string message)
    {
        int cut = message.IndexOf("Exception raised from", StringComparison.Ordinal);
        var text = cut >= 0 ? message[..cut] : message;
        int line = text.IndexOfAny(['\n', '\r']);
        return (line >= 0 ? text[..line] : text).Trim();
    }
}
