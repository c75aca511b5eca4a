using System.Globalization;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Training;

namespace SpectrumDsl.Tests.Training.Golden;

/// <summary>
/// The trainer's results on one small problem for every combination of path (exact, Nystrom), batch (full, mini) and
/// optimizer (GD, PGD, PGD with automatic momentum), plus a classification run: the reference the trainer's
/// restructurings are held to (<see cref="GoldenResultsTests"/>).
/// </summary>
internal static class GoldenScenarios
{
    // 48 training and 24 test points on the circle at fixed angles (no sampler involved, so the data's bits do not depend
    // on the machine), two outputs: cos(2 theta) and sin(3 theta) + 0.3 cos(theta).
    public static readonly Matrix<double> X = Circle(48, 0.37);
    public static readonly Matrix<double> TestX = Circle(24, 1.11);
    public static readonly Matrix<double> Y = Labels(X);
    public static readonly Matrix<double> TestY = Labels(TestX);
    public static readonly int[] Classes = ClassesOf(X);
    public static readonly int[] TestClasses = ClassesOf(TestX);

    private static readonly TrainerConfig Base = new()
    {
        Width = 512, Rank = 7, Steps = 300, Seed = 6, Tolerance = 0.01, RecordInterval = 10, Architecture = NetworkArchitecture.Relu(1, 1.0),
    };

    public static readonly IReadOnlyDictionary<string, TrainerConfig> Configs = new SortedDictionary<string, TrainerConfig>(StringComparer.Ordinal)
    {
        ["exact-full-gd"] = Base with { Optimizer = Optimizer.GradientDescent },
        ["exact-full-pgd"] = Base,
        ["exact-full-momentum"] = Base with { Momentum = TrainerConfig.AutomaticMomentum },
        ["exact-mini-gd"] = Base with { Optimizer = Optimizer.GradientDescent, BatchSize = 12 },
        ["exact-mini-pgd"] = Base with { BatchSize = 12 },
        ["nystrom-full-gd"] = Base with { Optimizer = Optimizer.GradientDescent, Path = TrainingPath.Nystrom, Subsample = 32 },
        ["nystrom-full-pgd"] = Base with { Path = TrainingPath.Nystrom, Subsample = 32 },
        ["nystrom-full-momentum"] = Base with { Path = TrainingPath.Nystrom, Subsample = 32, Momentum = TrainerConfig.AutomaticMomentum },
        ["nystrom-mini-gd"] = Base with { Optimizer = Optimizer.GradientDescent, Path = TrainingPath.Nystrom, Subsample = 32, BatchSize = 12 },
        ["nystrom-mini-pgd"] = Base with { Path = TrainingPath.Nystrom, Subsample = 32, BatchSize = 12 },
        ["exact-full-pgd-classes"] = Base with { Steps = 60 },
    };

    public static TrainingResult Run(string name) => name.EndsWith("-classes", StringComparison.Ordinal)
        ? new Trainer(Configs[name]).Run(X, Classes, TestX, TestClasses)
        : new Trainer(Configs[name]).Run(X, Y, TestX, TestY);

    /// <summary>
    /// What held the bits: results are bit-identical only on machines with the same vector width and the same eigen
    /// library (docs/reliability.md#determinism).
    /// </summary>
    public static string Machine() => string.Create(CultureInfo.InvariantCulture,
        $"v512={Vector512.IsHardwareAccelerated} v256={Vector256.IsHardwareAccelerated} cores={Environment.ProcessorCount} eigen={SymmetricEigen.BackendDescription.Split(';')[0]}");

    /// <summary>One line: the numbers compared with a tolerance on any machine, and the digest of every bit.</summary>
    public static GoldenLine Summarise(string name, TrainingResult result)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(double value) => hash.AppendData(BitConverter.GetBytes(value));
        foreach (var record in result.Records)
        {
            hash.AppendData(BitConverter.GetBytes(record.Step));
            Add(record.TrainLoss);
            Add(record.TestLoss ?? double.NaN);
            Add(record.RelativeResidual);
            foreach (var projection in record.EigenProjections)
            {
                Add(projection);
            }
        }

        foreach (var parameter in result.Network.CopyParameters())
        {
            Add(parameter);
        }

        Add(result.StepSize);
        Add(result.Momentum);
        var last = result.Records[^1];
        return new GoldenLine(name, result.StepsTaken, result.StopReason.ToString(), result.StepSize, result.Momentum, result.PredictedSteps ?? -1,
            last.TrainLoss, last.TestLoss ?? double.NaN, Convert.ToHexString(hash.GetHashAndReset()));
    }

    private static Matrix<double> Circle(int count, double offset) =>
        Matrix<double>.Build.Dense(count, 2, (i, j) => j == 0 ? Math.Cos(offset + 2 * Math.PI * i / count) : Math.Sin(offset + 2 * Math.PI * i / count));

    private static Matrix<double> Labels(Matrix<double> points) => Matrix<double>.Build.Dense(points.RowCount, 2, (i, a) =>
    {
        var theta = Math.Atan2(points[i, 1], points[i, 0]);
        return a == 0 ? Math.Cos(2 * theta) : Math.Sin(3 * theta) + 0.3 * Math.Cos(theta);
    });

    private static int[] ClassesOf(Matrix<double> points) =>
        Enumerable.Range(0, points.RowCount).Select(i => (int)Math.Floor((Math.Atan2(points[i, 1], points[i, 0]) + Math.PI) / (2 * Math.PI / 3)) % 3).ToArray();
}

/// <summary>A scenario's results as written in golden-results.txt.</summary>
internal sealed record GoldenLine(string Name, int Steps, string Reason, double StepSize, double Momentum, int PredictedSteps,
    double TrainLoss, double TestLoss, string Digest)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} steps={Steps} reason={Reason} eta={StepSize:R} mu={Momentum:R} predicted={PredictedSteps} loss={TrainLoss:R} test={TestLoss:R} digest={Digest}");

    public static GoldenLine Parse(string line)
    {
        var fields = line.Split(' ');
        var values = fields.Skip(1).Select(field => field.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        double Number(string key) => double.Parse(values[key], CultureInfo.InvariantCulture);
        return new GoldenLine(fields[0], int.Parse(values["steps"], CultureInfo.InvariantCulture), values["reason"], Number("eta"), Number("mu"),
            int.Parse(values["predicted"], CultureInfo.InvariantCulture), Number("loss"), Number("test"), values["digest"]);
    }
}
