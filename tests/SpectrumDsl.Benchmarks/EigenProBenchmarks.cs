using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Regression;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// EigenPro at n = 60 000, d = 784, c = 10 with the ReLU NTK (depth 1, bias 1), k = 160, s = 2000: Fashion-MNIST's
/// training set when /usr/share/datasets/fashion-mnist holds it (centred, on the sphere of radius sqrt(784),
/// centred one-hot labels), otherwise 60 000 uniform points on the sphere of radius sqrt(784) with random one-hot labels. One epoch is about
/// 3.6e9 kernel entries (5.6 TFLOP in the multiplies) and never an n x n matrix.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3, invocationCount: 1)]
public class EigenProBenchmarks
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";
    private readonly NtkKernel _kernel = NetworkArchitecture.Relu(1, 1.0).Ntk();
    private readonly EigenProOptions _options = new() { Rank = 160, Subsample = 2000, Seed = 1 };
    private Matrix<double> _x = null!, _y = null!;
    private EigenProSetup _setup = null!;
    private Matrix<double>[] _coefficients = null!;
    private int[] _order = null!;
    private Random _shuffle = null!;

    /// <summary>Which data the run used (printed by BenchmarkDotNet's setup log).</summary>
    public string Data { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_x, _y, Data) = Load();
        Console.WriteLine($"// EigenPro benchmark data: {Data}");
        _setup = EigenProSetup.Create(_kernel, _x, _y, _options, _options.Subsample);
        Console.WriteLine($"// b = {_setup.BatchSize}, eta = {_setup.StepSize:G4}, lambda_P = {_setup.StepRule.TopEigenvalue:G4}, b* = {_setup.StepRule.CriticalBatchSize:F1}");
        _coefficients = _setup.Blocks.ZeroCoefficients(_y.ColumnCount);
        _order = Enumerable.Range(0, _x.RowCount).ToArray();
        _shuffle = new Random(_options.Seed);
    }

    /// <summary>One pass of EigenPro updates over the 60 000 points (no loss evaluation).</summary>
    [Benchmark]
    public bool Epoch60000() => EigenProRegression.RunEpoch(_setup, _coefficients, _order, _shuffle, CancellationToken.None);

    /// <summary>Everything before the first update: subsample Gram and top 161 eigenpairs, the sampled lambda_P, beta, blocks.</summary>
    [Benchmark]
    public int Setup60000() => EigenProSetup.Create(_kernel, _x, _y, _options, _options.Subsample).BatchSize;

    private static (Matrix<double> X, Matrix<double> Y, string Description) Load()
    {
        var images = Path.Combine(FashionMnist, "train-images-idx3-ubyte.gz");
        var labels = Path.Combine(FashionMnist, "train-labels-idx1-ubyte.gz");
        if (File.Exists(images) && File.Exists(labels))
        {
            var data = Idx.ReadClasses(images, labels);
            var x = Preprocessor.Fit(data.Features, new PreprocessOptions { Scale = false }).Apply(data.Features);
            return (x, ClassLabels.CentredOneHot(data.Labels, 10), "Fashion-MNIST training set (60000 x 784)");
        }

        var random = new Random(1);
        var classes = Enumerable.Range(0, 60000).Select(_ => random.Next(10)).ToArray();
        // Radius sqrt(d), as the preprocessed images: the NTK then sees x.z / d of order 1.
        return (Sphere.Sample(60000, 784, seed: 1) * Math.Sqrt(784), ClassLabels.CentredOneHot(classes, 10), "synthetic: 60000 uniform points on the sphere of radius sqrt(784), random classes");
    }
}
