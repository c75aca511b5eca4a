using BenchmarkDotNet.Attributes;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Benchmarks;

/// <summary>acos over 1M elements: vectorised vs Math.Acos (divide the mean by 1,048,576 for ns/element).</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class AcosBenchmarks
{
    private const int Count = 1 << 20;
    private double[] _x = null!, _y = null!, _norm = null!, _dot = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(3);
        _x = Enumerable.Range(0, Count).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        _norm = Enumerable.Range(0, Count).Select(_ => 1 + rng.NextDouble()).ToArray();
        _y = new double[Count];
        _dot = new double[Count];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void MathAcos()
    {
        double[] x = _x, y = _y;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Acos(x[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void VectorAcos() => VectorMath.Acos(_x, _y);

    [Benchmark(OperationsPerInvoke = Count)]
    public void ReluArcCosineStep() => LayerRecursion.Step(new ReluArcCosineLayer(0.1), _x, _norm, _y, _dot);
}

/// <summary>Full symmetric eigendecomposition, n = 2000, on each backend (minutes: managed takes ~20 s per run).</summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3, invocationCount: 1)]
public class EigenBenchmarks
{
    [Params(2000)]
    public int N { get; set; }

    [Params(EigenBackend.Lapack, EigenBackend.Managed)]
    public EigenBackend Backend { get; set; }

    private MathNet.Numerics.LinearAlgebra.Matrix<double> _a = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(4);
        var x = MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.Create(N, 50, (_, _) => rng.NextDouble() - 0.5);
        _a = FastLinearAlgebra.Gram(x) + MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.CreateIdentity(N);
    }

    [Benchmark]
    public double Decompose() => SymmetricEigen.Decompose(_a, Backend).Values[0];
}
