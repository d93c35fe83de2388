// Temporary until the stats branch lands (it defines these exactly).
namespace GanBench.Core.Results;
public enum TrialStatus { Ok, Diverged, Failed, Timeout }
