using GanBench.Cli.Application;
using GanBench.Core.Data;
using GanBench.Training.Images;
using static TorchSharp.torch;

namespace GanBench.Cli.Sweeps;

public static class ImageDataPreparation
{
    /// <summary>
    /// Image data is found and checked, and its domain classifier trained or loaded, before any
    /// trial starts: a missing or corrupt file is a usage error (exit 2) rather than a failed row
    /// per trial, and worker processes started afterwards find the classifier already cached.
    /// </summary>
    public static void Prepare(LoadedExperiment loaded, Device device, CliConsole console)
    {
        var imageTrials = loaded.Trials.Where(t => t.Dataset.IsImage).ToList();
        if (imageTrials.Count == 0) return;
        // This run's console, not the first one the process saw: in-process runs (tests) each bring their own.
        ImageSetup.Log = line => console.Line(line);
        ImageDataSet data;
        try { data = ImageDataStore.Get(loaded.Config!.DataDir); }
        catch (ImageDataNotFoundException e) { throw new UsageException($"error: {e.Message}"); }
        catch (InputFileException e) { throw new UsageException(e.Message); }
        console.Line($"image data: {data.Files.Folder} ({data.TrainImages.Count} training, {data.TestImages.Count} test images)");
        foreach (var classifier in imageTrials.Select(t => t.Eval.Classifier).Distinct())
            ClassifierCache.GetOrTrain(data, classifier, device, ImageSetup.CacheFolder, ImageSetup.Log);
    }
}
