using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;

namespace SpectrumDsl.Tests.Training.Trust;

/// <summary>A generated problem: regression targets, or class indices for a classification.</summary>
internal sealed record GeneratedProblem(string Name, Matrix<double> X, Matrix<double>? Y, int[]? Classes, Matrix<double> TestX, Matrix<double> TestY, TrainerConfig Config)
{
    public TrainingResult Run(TrainerConfig config) => Classes is null ? new Trainer(config).Run(X, Y!) : new Trainer(config).Run(X, Classes);

    public override string ToString() => Name;
}

/// <summary>
/// Problems nobody picked: sphere and raw Gaussian inputs, tabular regression with 1-5 outputs, Gaussian-blob
/// classification; depth 1-3, ReLU and Erf, widths 256-8192, ranks 1 to n/4, full batch and batches of 32-500, both paths.
/// Sizes are kept so that each case runs in seconds; the parameters cycle with coprime periods so that they combine.
/// </summary>
internal static class RobustnessSuite
{
    public const int Count = 44;

    private static readonly int[] Sizes = [64, 100, 150, 200];
    private static readonly int[] Widths = [256, 512, 1024, 2048, 4096, 8192];
    private static readonly int[] Batches = [0, 32, 64, 0, 100, 500];

    public static GeneratedProblem Make(int index)
    {
        var kind = index % 4;
        var n = Sizes[index / 4 % Sizes.Length];
        var depth = 1 + index % 3;
        // Wide and deep together would cost a second per step: widths above 1024 only at depth 1, above 512 at depth 3.
        var width = Math.Min(Widths[index % Widths.Length], depth switch { 1 => 8192, 2 => 1024, _ => 512 });

        var architecture = index % 5 == 0 ? NetworkArchitecture.Erf(depth, 1.0) : NetworkArchitecture.Relu(depth, 1.0);
        var rank = 1 + index * 7 % (n / 4);
        var batch = Math.Min(Batches[index % Batches.Length], n - 1);
        var nystrom = index % 7 == 3;
        var config = new TrainerConfig
        {
            Architecture = architecture, Width = width, Rank = rank, BatchSize = batch, Seed = index, Steps = 200, Tolerance = 0.05, RecordInterval = 25,
            Path = nystrom ? TrainingPath.Nystrom : TrainingPath.Exact, Subsample = nystrom ? n / 2 : 0,
        };
        var name = $"{index}: {"sphere,gaussian,tabular,blobs".Split(',')[kind]} n={n} {architecture.Activation} depth {depth} width {width} rank {rank} batch {batch}{(nystrom ? " Nystrom" : "")}";
        var random = new Random(1000 + index);
        return kind switch
        {
            0 => Sphere(name, n, 2 + index % 5, random, config),
            1 => Gaussian(name, n, 3 + index % 8, 1 + index % 2, random, config),
            2 => Tabular(name, n, 4 + index % 9, 1 + index % 5, random, config),
            _ => Blobs(name, n, 5 + index % 16, 3 + index % 3, random, config),
        };
    }

    // A zonal harmonic of degree 1-4 about a random pole.
    private static GeneratedProblem Sphere(string name, int n, int dimension, Random random, TrainerConfig config)
    {
        var pole = Normalised(Vector<double>.Build.Dense(dimension, _ => Normal(random)));
        var degree = 1 + random.Next(4);
        var x = SpectrumDsl.Data.Sphere.Sample(n, dimension, random.Next());
        var testX = SpectrumDsl.Data.Sphere.Sample(100, dimension, random.Next());
        return new GeneratedProblem(name, x, SpectrumDsl.Data.Sphere.ZonalHarmonic(x, degree, pole).ToColumnMatrix(), null,
            testX, SpectrumDsl.Data.Sphere.ZonalHarmonic(testX, degree, pole).ToColumnMatrix(), config);
    }

    // Raw standard normal inputs (norms near sqrt(d), not scaled), smooth targets.
    private static GeneratedProblem Gaussian(string name, int n, int dimension, int outputs, Random random, TrainerConfig config)
    {
        var x = Matrix<double>.Build.Dense(n + 100, dimension, (_, _) => Normal(random));
        var y = SmoothTargets(x, outputs, random, noise: 0);
        return new GeneratedProblem(name, x.SubMatrix(0, n, 0, dimension), y.SubMatrix(0, n, 0, outputs), null,
            x.SubMatrix(n, 100, 0, dimension), y.SubMatrix(n, 100, 0, outputs), config);
    }

    // Features of mixed scales and offsets, scaled by Preprocessor.Fit's defaults as a user would; noisy targets.
    private static GeneratedProblem Tabular(string name, int n, int dimension, int outputs, Random random, TrainerConfig config)
    {
        var scales = Enumerable.Range(0, dimension).Select(_ => Math.Exp(3 * (random.NextDouble() - 0.5))).ToArray();
        var offsets = Enumerable.Range(0, dimension).Select(_ => 10 * (random.NextDouble() - 0.5)).ToArray();
        Matrix<double> Draw(int count) => Matrix<double>.Build.Dense(count, dimension, (_, j) => offsets[j] + scales[j] * Normal(random));
        var raw = Draw(n);
        var preprocessor = Preprocessor.Fit(raw);
        var x = preprocessor.Apply(raw.Stack(Draw(100)));
        var y = SmoothTargets(x, outputs, random, noise: 0.1);
        return new GeneratedProblem(name, x.SubMatrix(0, n, 0, dimension), y.SubMatrix(0, n, 0, outputs), null,
            x.SubMatrix(n, 100, 0, dimension), y.SubMatrix(n, 100, 0, outputs), config);
    }

    // Gaussian blobs around random centres, labels 0..c-1, trained as a classification.
    private static GeneratedProblem Blobs(string name, int n, int dimension, int classes, Random random, TrainerConfig config)
    {
        var centres = Matrix<double>.Build.Dense(classes, dimension, (_, _) => 2 * Normal(random) / Math.Sqrt(dimension));
        (Matrix<double>, int[]) Draw(int count)
        {
            var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
            return (Matrix<double>.Build.Dense(count, dimension, (i, j) => centres[labels[i], j] + Normal(random) / Math.Sqrt(dimension)), labels);
        }

        var (x, y) = Draw(n);
        var (testX, testLabels) = Draw(100);
        // The centred one-hot targets Trainer.Run trains a classification on.
        var testY = Matrix<double>.Build.Dense(100, classes, (i, a) => (a == testLabels[i] ? 1.0 : 0.0) - 1.0 / classes);
        return new GeneratedProblem(name, x, null, y, testX, testY, config);
    }

    private static Matrix<double> SmoothTargets(Matrix<double> x, int outputs, Random random, double noise)
    {
        var d = x.ColumnCount;
        var directions = Matrix<double>.Build.Dense(d, 2 * outputs, (_, _) => Normal(random) / Math.Sqrt(d));
        var projected = x * directions;
        return Matrix<double>.Build.Dense(x.RowCount, outputs,
            (i, a) => Math.Sin(projected[i, 2 * a]) + 0.5 * Math.Cos(2 * projected[i, 2 * a + 1]) + noise * Normal(random));
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static Vector<double> Normalised(Vector<double> v) => v / v.L2Norm();
}
