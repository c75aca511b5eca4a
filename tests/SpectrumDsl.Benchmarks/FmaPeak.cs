using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// The machine's measured double-precision FMA peak: every thread runs independent chains of fused multiply-adds on
/// registers only (no memory traffic), so flops / wall time is the most this CPU does, the ceiling a GEMM rate is
/// read against. Sixteen chains cover the FMA latency times the number of FMA pipes on current x86 cores.
/// </summary>
internal static class FmaPeak
{
    private const int Chains = 16;

    /// <summary>Flops per second over <paramref name="threads"/> threads at the widest FMA vector here (the best of <paramref name="repeats"/>), and that width's name.</summary>
    public static (double Rate, string Width) Measure(int threads, int repeats = 5, long iterations = 20_000_000)
    {
        var (lanes, width, kernel) = Avx512F.IsSupported ? (8, "Vector512", (Func<long, double>)Loop512)
            : Fma.IsSupported ? (4, "Vector256", Loop256)
            : (1, "scalar", LoopScalar);
        kernel(iterations / 100);
        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() => kernel(iterations))).ToArray();
            foreach (var worker in workers)
            {
                worker.Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return (2.0 * lanes * Chains * iterations * threads / best, width);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop512(long iterations)
    {
        var x = Vector512.Create(0.999999);
        var y = Vector512.Create(1e-9);
        Vector512<double> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x;
        Vector512<double> a8 = x, a9 = x, a10 = x, a11 = x, a12 = x, a13 = x, a14 = x, a15 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, x, y); a1 = Avx512F.FusedMultiplyAdd(a1, x, y);
            a2 = Avx512F.FusedMultiplyAdd(a2, x, y); a3 = Avx512F.FusedMultiplyAdd(a3, x, y);
            a4 = Avx512F.FusedMultiplyAdd(a4, x, y); a5 = Avx512F.FusedMultiplyAdd(a5, x, y);
            a6 = Avx512F.FusedMultiplyAdd(a6, x, y); a7 = Avx512F.FusedMultiplyAdd(a7, x, y);
            a8 = Avx512F.FusedMultiplyAdd(a8, x, y); a9 = Avx512F.FusedMultiplyAdd(a9, x, y);
            a10 = Avx512F.FusedMultiplyAdd(a10, x, y); a11 = Avx512F.FusedMultiplyAdd(a11, x, y);
            a12 = Avx512F.FusedMultiplyAdd(a12, x, y); a13 = Avx512F.FusedMultiplyAdd(a13, x, y);
            a14 = Avx512F.FusedMultiplyAdd(a14, x, y); a15 = Avx512F.FusedMultiplyAdd(a15, x, y);
        }

        // The sum keeps every chain alive (the JIT cannot drop work whose result is returned).
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Loop256(long iterations)
    {
        var x = Vector256.Create(0.999999);
        var y = Vector256.Create(1e-9);
        Vector256<double> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x;
        Vector256<double> a8 = x, a9 = x, a10 = x, a11 = x, a12 = x, a13 = x, a14 = x, a15 = x;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, x, y); a1 = Fma.MultiplyAdd(a1, x, y); a2 = Fma.MultiplyAdd(a2, x, y); a3 = Fma.MultiplyAdd(a3, x, y);
            a4 = Fma.MultiplyAdd(a4, x, y); a5 = Fma.MultiplyAdd(a5, x, y); a6 = Fma.MultiplyAdd(a6, x, y); a7 = Fma.MultiplyAdd(a7, x, y);
            a8 = Fma.MultiplyAdd(a8, x, y); a9 = Fma.MultiplyAdd(a9, x, y); a10 = Fma.MultiplyAdd(a10, x, y); a11 = Fma.MultiplyAdd(a11, x, y);
            a12 = Fma.MultiplyAdd(a12, x, y); a13 = Fma.MultiplyAdd(a13, x, y); a14 = Fma.MultiplyAdd(a14, x, y); a15 = Fma.MultiplyAdd(a15, x, y);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double LoopScalar(long iterations)
    {
        double a0 = 0.5, a1 = 0.5, a2 = 0.5, a3 = 0.5, a4 = 0.5, a5 = 0.5, a6 = 0.5, a7 = 0.5;
        double a8 = 0.5, a9 = 0.5, a10 = 0.5, a11 = 0.5, a12 = 0.5, a13 = 0.5, a14 = 0.5, a15 = 0.5;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Math.FusedMultiplyAdd(a0, 0.999999, 1e-9); a1 = Math.FusedMultiplyAdd(a1, 0.999999, 1e-9); a2 = Math.FusedMultiplyAdd(a2, 0.999999, 1e-9);
            a3 = Math.FusedMultiplyAdd(a3, 0.999999, 1e-9); a4 = Math.FusedMultiplyAdd(a4, 0.999999, 1e-9); a5 = Math.FusedMultiplyAdd(a5, 0.999999, 1e-9);
            a6 = Math.FusedMultiplyAdd(a6, 0.999999, 1e-9); a7 = Math.FusedMultiplyAdd(a7, 0.999999, 1e-9); a8 = Math.FusedMultiplyAdd(a8, 0.999999, 1e-9);
            a9 = Math.FusedMultiplyAdd(a9, 0.999999, 1e-9); a10 = Math.FusedMultiplyAdd(a10, 0.999999, 1e-9); a11 = Math.FusedMultiplyAdd(a11, 0.999999, 1e-9);
            a12 = Math.FusedMultiplyAdd(a12, 0.999999, 1e-9); a13 = Math.FusedMultiplyAdd(a13, 0.999999, 1e-9); a14 = Math.FusedMultiplyAdd(a14, 0.999999, 1e-9);
            a15 = Math.FusedMultiplyAdd(a15, 0.999999, 1e-9);
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
    }
}
