using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Benchmarks;

/// <summary>NTK Gram (depth 2, bias 1) of n = 5000 points on S^99: product, fused arc-cosine recursion, mirror.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class NtkGramBenchmarks
{
    private Matrix<double> _x = null!;
    private readonly NtkKernel _kernel = NetworkArchitecture.Relu(2, 1.0).Ntk();

    [GlobalSetup]
    public void Setup() => _x = Sphere.Sample(5000, 100, seed: 1);

    [Benchmark]
    public Matrix<double> NtkGram5000() => _kernel.Gram(_x);
}

/// <summary>Top-k eigenpairs of the n = 10000 NTK Gram (d = 20, depth 2, bias 1): block Lanczos vs the old subspace iteration.</summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3, invocationCount: 1)]
public class TopEigenBenchmarks
{
    private Matrix<double> _gram = null!;

    [GlobalSetup]
    public void Setup() => _gram = NetworkArchitecture.Relu(2, 1.0).Ntk().Gram(Sphere.Sample(10000, 20, seed: 1));

    [Benchmark]
    public EigenDecomposition Top20() => EigenSolver.Top(_gram, 20);

    [Benchmark]
    public EigenDecomposition Top100() => EigenSolver.Top(_gram, 100);
}

/// <summary>
/// Nystrom top-20 of the n = 50000 NTK Gram (d = 20, depth 2, bias 1) from s = 2000 subsampled points:
/// the 50000 x 50000 Gram (20 GB) is never formed.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3, invocationCount: 1)]
public class NystromEigenBenchmarks
{
    private readonly NtkKernel _kernel = NetworkArchitecture.Relu(2, 1.0).Ntk();
    private Matrix<double> _x = null!;

    [GlobalSetup]
    public void Setup() => _x = Sphere.Sample(50000, 20, seed: 1);

    [Benchmark]
    public EigenDecomposition NystromTop20At50000() => EigenSolver.TopNystrom(_kernel, _x, 20, 2000, seed: 1);
}

/// <summary>Full symmetric eigendecomposition, n = 2000 (process backend: LAPACK if present).</summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3, invocationCount: 1)]
public class FullEigenBenchmarks
{
    private Matrix<double> _gram = null!;

    [GlobalSetup]
    public void Setup() => _gram = NetworkArchitecture.Relu(2, 1.0).Ntk().Gram(Sphere.Sample(2000, 20, seed: 1));

    [Benchmark]
    public EigenDecomposition FullEigen2000() => EigenSolver.Full(_gram);
}

/// <summary>One full-batch GD and one PGD step (k = 100) of a one-hidden-layer network, n = 2000, d = 100, width 10000.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class TrainingStepBenchmarks
{
    private FullyConnectedNetwork _network = null!;
    private NetworkWorkspace _workspace = null!;
    private Matrix<double> _x = null!;
    private double[] _labels = null!, _residual = null!, _direction = null!;
    private Preconditioner _preconditioner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = Sphere.Sample(2000, 100, seed: 1);
        _network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(1, 1.0), 100, 10000, seed: 2);
        _workspace = _network.CreateWorkspace(2000);
        var rng = new Random(3);
        _labels = Enumerable.Range(0, 2000).Select(_ => rng.NextDouble()).ToArray();
        _residual = new double[2000];
        _direction = new double[2000];
        var gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(_x);
        var modification = SpectralModification.Compute(gram, SpectrumTarget.FlattenTop, 100);
        _preconditioner = new Preconditioner(modification);
    }

    private void Step(bool preconditioned)
    {
        _network.Forward(_workspace, _x);
        var output = _workspace.Output;
        for (var i = 0; i < _residual.Length; i++)
        {
            _residual[i] = output[i] - _labels[i];
        }

        if (preconditioned)
        {
            _preconditioner.Apply(_residual, _direction);
        }
        else
        {
            _residual.CopyTo(_direction, 0);
        }

        _network.Backward(_workspace, _x, _direction, gradients: true);
        _network.Descend(_workspace, 1e-7);
    }

    [Benchmark(Baseline = true)]
    public void GdStep() => Step(false);

    [Benchmark]
    public void PgdStep() => Step(true);

    [Benchmark]
    public void PreconditionerApply() => _preconditioner.Apply(_residual, _direction);
}

/// <summary>MSK K_g(X*, X) at 10000 new points (n = 2000 training points, d = 20, k = 100).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MskEvaluationBenchmarks
{
    private ModifiedSpectrumKernel _msk = null!;
    private Matrix<double> _xNew = null!;

    [GlobalSetup]
    public void Setup()
    {
        var x = Sphere.Sample(2000, 20, seed: 1);
        _msk = ModifiedSpectrumKernel.Build(NetworkArchitecture.Relu(2, 1.0).Ntk(), x, SpectrumTarget.FlattenTop, 100);
        _xNew = Sphere.Sample(10000, 20, seed: 2);
    }

    [Benchmark]
    public Matrix<double> MskCross10000() => _msk.TrainingCross(_xNew);
}
