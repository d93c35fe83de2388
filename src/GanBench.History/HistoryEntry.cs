namespace GanBench.History;

/// <summary>One finished sweep in the history: a night of the nightly, or any run someone added.</summary>
/// <param name="Id">Position in the store; later additions have larger ids, and "the last N nights" means the N largest.</param>
/// <param name="Label">What the run is called in trends and in <c>--against history:LABEL</c>, e.g. a commit; unique per experiment.</param>
/// <param name="Source">The results folder it was added from, as given.</param>
/// <param name="Machine">Host name and operating system of the machine that added it.</param>
/// <param name="GanBench">The GanBench identities (version + source hash) its trials were computed by.</param>
/// <param name="Fingerprint">SHA-256 of the folder's runs.csv: the same sweep cannot be added twice under two labels,
/// and a comparison recognises its own candidate in the history.</param>
public sealed record HistoryEntry(long Id, string Label, string Experiment, DateTimeOffset AddedUtc, string Source,
    string Machine, string GanBench, string Fingerprint, int Trials);

/// <summary>The gate's verdict on one cell of a night, kept so that trends can mark where it fired.</summary>
/// <param name="Reference">What the night was compared with, as compare named it (e.g. "history:last 7").</param>
public sealed record GateMark(long EntryId, string Reference, string Arm, string Dataset, string Metric, string Verdict,
    double? AdjustedP, double? RelativeChange);

/// <summary>The history store cannot do what was asked; the message is one line that says why.</summary>
public class HistoryException(string message) : Exception(message);

/// <summary>The history holds no earlier run of the experiment to compare with: the first night.</summary>
public sealed class NoEarlierRunException(string message) : HistoryException(message);
