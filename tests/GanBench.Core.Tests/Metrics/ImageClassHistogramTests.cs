using GanBench.Core.Metrics;

namespace GanBench.Core.Tests.Metrics;

public class ImageClassHistogramTests
{
    [Fact]
    public void Uniform_predictions_cover_every_class_with_zero_kl()
    {
        var predictions = Enumerable.Range(0, 1000).Select(i => i % 10).ToArray();
        Assert.Equal(10, ClassHistogram.Covered(predictions, 10));
        Assert.Equal(0.0, ClassHistogram.KlToUniform(predictions, 10));
    }

    [Fact]
    public void One_class_gives_log_classes()
    {
        var predictions = Enumerable.Repeat(7, 500).ToArray();
        Assert.Equal(1, ClassHistogram.Covered(predictions, 10));
        Assert.Equal(Math.Log(10), ClassHistogram.KlToUniform(predictions, 10), 14);
    }

    [Fact]
    public void Stacked_mode_ids_use_a_thousand_classes()
    {
        // Three digits per stacked image, mode id c0·100 + c1·10 + c2; 4 distinct modes, one twice as common.
        int[] digits = [1, 2, 3, 1, 2, 3, 9, 9, 9, 0, 0, 0, 4, 5, 6];
        var modes = Enumerable.Range(0, 5).Select(s => digits[3 * s] * 100 + digits[3 * s + 1] * 10 + digits[3 * s + 2]).ToArray();
        Assert.Equal([123, 123, 999, 0, 456], modes);
        Assert.Equal(4, ClassHistogram.Covered(modes, 1000));
        double expected = 0.4 * Math.Log(0.4 * 1000) + 3 * 0.2 * Math.Log(0.2 * 1000);
        Assert.Equal(expected, ClassHistogram.KlToUniform(modes, 1000), 12);
    }

    [Fact]
    public void Kl_is_between_zero_and_log_classes_for_a_skewed_histogram()
    {
        int[] predictions = [0, 0, 0, 0, 1, 1, 2, 3];
        double kl = ClassHistogram.KlToUniform(predictions, 4);
        double expected = 0.5 * Math.Log(2) + 0.25 * Math.Log(1) + 2 * 0.125 * Math.Log(0.5);
        Assert.Equal(expected, kl, 14);
        Assert.InRange(kl, 1e-3, Math.Log(4));
    }

    [Fact]
    public void Rejects_bad_arguments_with_clear_messages()
    {
        Assert.Contains("Prediction 2 is class 10, outside [0, 10)",
            Assert.Throws<ArgumentException>(() => ClassHistogram.Covered([1, 2, 10], 10)).Message);
        Assert.Contains("Prediction 0 is class -1",
            Assert.Throws<ArgumentException>(() => ClassHistogram.KlToUniform([-1], 10)).Message);
        Assert.Contains("classes must be at least 1",
            Assert.Throws<ArgumentException>(() => ClassHistogram.Covered([0], 0)).Message);
        Assert.Contains("at least one prediction",
            Assert.Throws<ArgumentException>(() => ClassHistogram.KlToUniform([], 10)).Message);
        Assert.Equal(0, ClassHistogram.Covered([], 10));
    }
}
