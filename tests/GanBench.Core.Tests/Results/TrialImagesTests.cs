using GanBench.Core.Results;

namespace GanBench.Core.Tests.Results;

/// <summary>images.csv: generated images kept per trial for the report's sample grids.</summary>
public sealed class TrialImagesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-images-csv").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Images_round_trip_quantised_to_bytes_per_channel_and_step()
    {
        const int pixels = 28 * 28, channels = 3, images = 2;
        var values = new double[images * channels * pixels];
        for (int i = 0; i < values.Length; i++) values[i] = (i % 7) / 3.0 - 1; // -1, -2/3, ..., 1
        values[5] = 3; // out of range: clamped to white
        TrialArtifacts.Write(_dir, "t", [new SnapshotData(0, values, null, 0), new SnapshotData(10, values.Select(v => -v).ToArray(), null, 0)], null, imageChannels: channels);

        Assert.False(File.Exists(Path.Combine(TrialArtifacts.DirectoryFor(_dir, "t"), TrialArtifacts.SamplesFile)));
        var read = TrialArtifacts.ReadImages(_dir, "t");
        Assert.Equal([0, 10], read.Select(r => r.Step));
        var first = read[0].Images;
        Assert.Equal(images, first.Count);
        Assert.All(first, image => Assert.Equal(channels, image.Length));
        Assert.Equal(0, first[0][0][0]);      // -1
        Assert.Equal(255, first[0][0][5]);    // clamped
        Assert.Equal(255, first[0][0][6]);    // +1
        Assert.Equal(85, first[0][0][2]);     // -1/3 → 85
        int offset = 1 * channels * pixels + 2 * pixels + 10; // image 1, channel 2, pixel 10
        Assert.Equal((byte)Math.Round((values[offset] + 1) * 127.5), first[1][2][10]);
        // The negated image quantises to the complement, up to one step of rounding.
        Assert.InRange(Math.Abs(255 - first[1][2][10] - read[1].Images[1][2][10]), 0, 1);
    }

    [Fact]
    public void A_point_trial_has_no_images()
    {
        TrialArtifacts.Write(_dir, "p", [new SnapshotData(0, [0.5, 1.5], null, 0)], null);
        Assert.Empty(TrialArtifacts.ReadImages(_dir, "p"));
        Assert.Single(TrialArtifacts.ReadSnapshots(_dir, "p"));
    }
}
