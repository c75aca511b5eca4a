using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;

namespace SpectrumDsl.Tests.Training.Trust;

/// <summary>One problem of the trust issue: data, test data and the configuration run at the automatic step.</summary>
internal sealed record TrustCase(string Name, Matrix<double> X, Matrix<double> Y, Matrix<double> TestX, Matrix<double> TestY, TrainerConfig Config)
{
    public override string ToString() => Name;
}

/// <summary>
/// The issue's reproductions at reduced size where the original takes minutes (each case says what it keeps): target
/// lambda_k, ReLU depth 1, bias 1, tolerance 0.05, the automatic step (LearningRate = 0), otherwise the defaults.
/// </summary>
internal static class TrustCases
{
    private static readonly TrainerConfig Base = new()
    {
        Architecture = NetworkArchitecture.Relu(1, 1.0), Tolerance = 0.05, Steps = 2000, RecordInterval = 50,
    };

    public static readonly IReadOnlyDictionary<string, Func<TrustCase>> All = new Dictionary<string, Func<TrustCase>>
    {
        // A: 200 points on S^2, degree-4 zonal harmonic, mini-batch 50 (diverged at step 10).
        ["A"] = () => Sphere("A", 200, 3, 4, Base with { Width = 1024, Rank = 16, BatchSize = 50, Seed = 3 }, sampleSeed: 1),
        // B: as A at width 4096 (converged, but 10 % from the full-batch predictor).
        ["B"] = () => Sphere("B", 200, 3, 4, Base with { Width = 4096, Rank = 16, BatchSize = 50, Seed = 3 }, sampleSeed: 1),
        // E: the main example's shape, 128 points on the circle, degree 4, batch 32 (diverged at step 16).
        ["E"] = () => Sphere("E", 128, 2, 4, Base with { Width = 8192, Rank = 17, BatchSize = 32, Seed = 1 }, sampleSeed: 1),
        // F: 1000 points on S^2, degree 4, batch 200 (diverged at step 15).
        ["F"] = () => Sphere("F", 1000, 3, 4, Base with { Width = 1024, Rank = 16, BatchSize = 200, Seed = 1 }, sampleSeed: 1),
        // H: 2000 points on S^9, degree 2, rank 50, batch 500 (diverged at step 8); 1000 points keep the shape at half the cost.
        ["H"] = () => Sphere("H", 1000, 10, 2, Base with { Width = 1024, Rank = 50, BatchSize = 250, Seed = 1 }, sampleSeed: 1),
        // M: two outputs on four tabular features, full batch, Steps 3000, Tolerance 0.1 (diverged late: step 2259 with
        // Seed 1, 296 with Seed 2).
        ["M1"] = () => Tabular("M1", Base with { Width = 2048, Rank = 30, Seed = 1, Steps = 3000, Tolerance = 0.1, RecordInterval = 100 }),
        ["M2"] = () => Tabular("M2", Base with { Width = 2048, Rank = 30, Seed = 2, Steps = 3000, Tolerance = 0.1, RecordInterval = 100 }),
        // R: 10-class images (about 1200, mini-batch 200, rank 50) diverged at step 8; here 10 Gaussian classes in 50
        // dimensions, 600 points, batch 100, rank 50, as a classification with a step budget.
        ["R"] = () => Blobs("R", Base with { Width = 2048, Rank = 50, BatchSize = 100, Seed = 1, Steps = 300 }),
    };

    private static TrustCase Sphere(string name, int count, int dimension, int degree, TrainerConfig config, int sampleSeed)
    {
        var x = SpectrumDsl.Data.Sphere.Sample(count, dimension, seed: sampleSeed);
        var testX = SpectrumDsl.Data.Sphere.Sample(200, dimension, seed: sampleSeed + 1000);
        var pole = SpectrumDsl.Data.Sphere.NorthPole(dimension);
        return new TrustCase(name, x, Column(SpectrumDsl.Data.Sphere.ZonalHarmonic(x, degree, pole)), testX,
            Column(SpectrumDsl.Data.Sphere.ZonalHarmonic(testX, degree, pole)), config);
    }

    // The issue's file: features a-d, labels t1 and t2, the first 500 rows for training, Preprocessor.Fit's defaults.
    private static TrustCase Tabular(string name, TrainerConfig config)
    {
        var data = Csv.Read(DataPath("two-output-regression.csv"), ["t1", "t2"], new CsvOptions { Features = ["a", "b", "c", "d"] });
        var n = 500;
        var rows = data.Features.RowCount;
        var preprocessor = Preprocessor.Fit(data.Features.SubMatrix(0, n, 0, 4));
        return new TrustCase(name, preprocessor.Apply(data.Features.SubMatrix(0, n, 0, 4)), data.Targets.SubMatrix(0, n, 0, 2),
            preprocessor.Apply(data.Features.SubMatrix(n, rows - n, 0, 4)), data.Targets.SubMatrix(n, rows - n, 0, 2), config);
    }

    // Ten Gaussian classes in 50 dimensions (centres of norm 3, unit noise), scaled as Preprocessor.Fit scales features.
    private static TrustCase Blobs(string name, TrainerConfig config)
    {
        const int d = 50, classes = 10;
        var random = new Random(5);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var centres = Matrix<double>.Build.Dense(classes, d, (_, _) => 3 * Gaussian() / Math.Sqrt(d));
        (Matrix<double> X, Matrix<double> Y) Draw(int count)
        {
            var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
            var x = Matrix<double>.Build.Dense(count, d, (i, j) => centres[labels[i], j] + Gaussian() / Math.Sqrt(d));
            // Centred one-hot targets, as Trainer.Run with class indices trains on.
            var y = Matrix<double>.Build.Dense(count, classes, (i, a) => (a == labels[i] ? 1.0 : 0.0) - 1.0 / classes);
            return (x, y);
        }

        var (trainX, trainY) = Draw(600);
        var (testX, testY) = Draw(300);
        var preprocessor = Preprocessor.Fit(trainX);
        return new TrustCase(name, preprocessor.Apply(trainX), trainY, preprocessor.Apply(testX), testY, config);
    }

    private static Matrix<double> Column(Vector<double> y) => y.ToColumnMatrix();

    private static string DataPath(string file) => Repository.File("tests", "SpectrumDsl.Tests", "Training", "Trust", file);
}
