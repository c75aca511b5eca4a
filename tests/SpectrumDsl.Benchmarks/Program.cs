using BenchmarkDotNet.Running;

namespace SpectrumDsl.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher (use --filter to pick benchmarks).</summary>
public static class Program
{
    /// <summary>Runs the selected benchmarks.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
