using BenchmarkDotNet.Running;

namespace SpectrumDsl.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet's switcher (use --filter to pick benchmarks).</summary>
public static class Program
{
    /// <summary>Runs the selected benchmarks, the scale measurement (<c>scale</c>, see <see cref="ScaleBenchmark"/>) the step against its GEMM bound (<c>step-bound</c>, see <see cref="StepBoundBenchmark"/>) a mini-batch epoch against its bound (<c>epoch</c>, see <see cref="EpochBenchmark"/>) the side-by-side run against numpy, scipy and PyTorch (<c>peers</c>, see <see cref="PeersBenchmark"/>) or a new user's grid of training runs (<c>trust-grid</c>, see <see cref="TrustGrid"/>).</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == ScaleBenchmark.Command)
        {
            return ScaleBenchmark.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == EpochBenchmark.Command)
        {
            return EpochBenchmark.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == PeersBenchmark.Command)
        {
            return PeersBenchmark.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == StepBoundBenchmark.Command)
        {
            return StepBoundBenchmark.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == TrustGrid.Command)
        {
            return TrustGrid.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
