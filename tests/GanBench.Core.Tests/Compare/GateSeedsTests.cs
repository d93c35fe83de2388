using GanBench.Core.Compare;
using GanBench.Core.Statistics;
using Xunit.Abstractions;

namespace GanBench.Core.Tests.Compare;

/// <summary>How many seeds per side the nightly gate needs (the README's table comes from this test's output).</summary>
public class GateSeedsTests(ITestOutputHelper output)
{
    [Fact]
    public void Seeds_needed_at_the_gates_alpha_grow_with_the_cells_and_shrink_with_the_effect()
    {
        // Power 0.8 against a shift of d standard deviations in one cell, one-sided Mann–Whitney at
        // Holm's first step (alpha / cells), 2,000 simulations per size, seed 17.
        const double alpha = CompareOptions.DefaultAlpha;
        double[] effects = [1.0, 1.5, 2.0];
        int[] cells = [1, 4, 20];
        var table = new int[effects.Length, cells.Length];
        output.WriteLine($"seeds per side for power 0.8 at alpha {alpha} (rows: d; columns: cells {string.Join(", ", cells)})");
        for (int e = 0; e < effects.Length; e++)
        {
            for (int c = 0; c < cells.Length; c++)
            {
                var estimate = PowerSimulation.SeedsNeeded(effects[e], alpha, 0.8, cells[c], seed: 17);
                Assert.NotNull(estimate);
                table[e, c] = estimate.SeedsPerGroup;
            }
            output.WriteLine($"d = {effects[e]}: {string.Join(", ", Enumerable.Range(0, cells.Length).Select(c => table[e, c]))}");
        }
        for (int e = 0; e < effects.Length; e++)
            for (int c = 1; c < cells.Length; c++)
                Assert.True(table[e, c] >= table[e, c - 1], $"d = {effects[e]}: more cells cannot need fewer seeds");
        for (int c = 0; c < cells.Length; c++)
            for (int e = 1; e < effects.Length; e++)
                Assert.True(table[e, c] <= table[e - 1, c], $"{cells[c]} cells: a larger effect cannot need more seeds");
        foreach (int seeds in new[] { 10, 20, 30 })
            output.WriteLine($"power of {seeds} seeds per side against d = 1.5 in one of 16 cells: {PowerSimulation.Power(seeds, 1.5, alpha / 16, seed: 17):0.00}");
        // The statistics library's tests found 15 seeds for d = 1 at alpha 0.05 and one cell; 0.01 needs more.
        Assert.True(table[0, 0] > 15, $"d = 1, one cell at alpha 0.01: {table[0, 0]}");
    }
}
