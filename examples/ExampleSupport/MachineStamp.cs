using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Examples;

/// <summary>
/// The machine a report's numbers were measured on: its times only mean something next to the CPU, the cores, the
/// vector width the kernels ran at, the packed GEMM's rate measured in the same process and the load average
/// (on a shared machine other work takes cores away).
/// </summary>
/// <param name="Cpu">The CPU's model name (/proc/cpuinfo), or the architecture where that is unknown.</param>
/// <param name="Cores">Logical processors the process may use.</param>
/// <param name="VectorWidth">The widest vector the library's kernels use here (Vector512, Vector256 or Scalar).</param>
/// <param name="GemmGflops">The packed multiply C = A B at n = 1920, 2 n^3 flops over the best wall time of three calls after one warm-up.</param>
/// <param name="LoadAverage">The 1, 5 and 15 minute load averages when the report was written (null off Linux).</param>
public sealed record MachineStamp(string Cpu, int Cores, string VectorWidth, double GemmGflops, string? LoadAverage)
{
    /// <summary>The GEMM's size: large enough for the packed multi-core path, a tenth of a second per call.</summary>
    public const int GemmSize = 1920;

    /// <summary>Describes this machine, measuring the GEMM rate now.</summary>
    public static MachineStamp Measure() =>
        new(CpuModel(), Environment.ProcessorCount, LinearAlgebraControl.HardwareWidth.ToString(), GemmRate() / 1e9, CurrentLoadAverage());

    private static double GemmRate()
    {
        var random = new Random(1);
        var a = DenseMatrix.Create(GemmSize, GemmSize, (_, _) => random.NextDouble() - 0.5);
        var b = DenseMatrix.Create(GemmSize, GemmSize, (_, _) => random.NextDouble() - 0.5);
        var c = new DenseMatrix(GemmSize, GemmSize);
        FastLinearAlgebra.MultiplyInto(a, b, c);
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            FastLinearAlgebra.MultiplyInto(a, b, c);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return 2.0 * GemmSize * GemmSize * GemmSize / best;
    }

    private static string CpuModel()
    {
        const string info = "/proc/cpuinfo";
        var line = File.Exists(info) ? File.ReadLines(info).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static string? CurrentLoadAverage()
    {
        const string load = "/proc/loadavg";
        return File.Exists(load) ? string.Join(' ', File.ReadAllText(load).Split(' ')[..3]) : null;
    }

    /// <summary>"AMD EPYC, 2 cores, Vector512, GEMM 150.3 GFLOP/s": the one line a page shows.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cpu}, {Cores} cores, {VectorWidth}, GEMM {GemmGflops:0.0} GFLOP/s");
}
