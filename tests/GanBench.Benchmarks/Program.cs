public class Bench { public static void Main(string[] a) => BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Bench).Assembly).Run(a); }
