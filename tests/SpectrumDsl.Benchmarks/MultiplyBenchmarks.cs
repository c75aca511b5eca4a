using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Benchmarks;

/// <summary>Dense C = A B with the packed Vector512 GEMM (2 threads) at n = 1920.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
[Config(typeof(Config))]
public class FastMultiplyBenchmarks : IFlopCount
{
    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn());
    }

    [Params(1920)]
    public int N { get; set; }

    private Matrix<double> _a = null!, _b = null!, _c = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = DenseMatrix.Create(N, N, (_, _) => rng.NextDouble() - 0.5);
        _b = DenseMatrix.Create(N, N, (_, _) => rng.NextDouble() - 0.5);
        _c = new DenseMatrix(N, N);
    }

    [Benchmark]
    public void FastMultiplyInto() => FastLinearAlgebra.MultiplyInto(_a, _b, _c);

    [Benchmark]
    public void FastMultiplyTransposedInto() => FastLinearAlgebra.MultiplyTransposedInto(_a, _b, _c);

    [Benchmark]
    public void FastTransposeAndMultiplyInto() => FastLinearAlgebra.TransposeAndMultiplyInto(_a, _b, _c);

    public double Flops(string method) => 2.0 * N * N * N;
}

/// <summary>MathNet's managed multiply for comparison (smaller n: it is about 20x slower).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(Config))]
public class MathNetMultiplyBenchmarks : IFlopCount
{
    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn());
    }

    [Params(640)]
    public int N { get; set; }

    private Matrix<double> _a = null!, _b = null!, _c = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = DenseMatrix.Create(N, N, (_, _) => rng.NextDouble() - 0.5);
        _b = DenseMatrix.Create(N, N, (_, _) => rng.NextDouble() - 0.5);
        _c = new DenseMatrix(N, N);
    }

    [Benchmark(Baseline = true)]
    public void MathNetMultiply() => _a.Multiply(_b, _c);

    [Benchmark]
    public void FastMultiplySameN() => FastLinearAlgebra.MultiplyInto(_a, _b, _c);

    public double Flops(string method) => 2.0 * N * N * N;
}

/// <summary>Gram X X^T (lower-triangle SYRK + mirror), n = 5000 points in d = 100; GFLOP/s counts the full n^2 d multiply-adds.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
[Config(typeof(Config))]
public class GramBenchmarks : IFlopCount
{
    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn());
    }

    [Params(5000)]
    public int N { get; set; }

    [Params(100)]
    public int D { get; set; }

    private Matrix<double> _x = null!, _g = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        _x = DenseMatrix.Create(N, D, (_, _) => rng.NextDouble() - 0.5);
        _g = new DenseMatrix(N, N);
    }

    [Benchmark]
    public void GramInto() => FastLinearAlgebra.GramInto(_x, _g);

    public double Flops(string method) => 2.0 * N * N * D;
}
