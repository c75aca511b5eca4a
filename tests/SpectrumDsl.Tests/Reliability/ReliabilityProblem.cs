using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Training;

namespace SpectrumDsl.Tests.Reliability;

/// <summary>A small problem for long-run tests: n = 32 on the circle, width 256, a few hundred steps.</summary>
internal static class ReliabilityProblem
{
    public static readonly Matrix<double> X = Sphere.Sample(32, 2, seed: 11);
    public static readonly Vector<double> Y = Sphere.ZonalHarmonic(X, 2, Sphere.NorthPole(2));
    public static readonly Matrix<double> TestX = Sphere.Sample(12, 2, seed: 12);
    public static readonly Vector<double> TestY = Sphere.ZonalHarmonic(TestX, 2, Sphere.NorthPole(2));

    // Three classes by the angle of the point (thirds of the circle): a classification problem with c = 3 outputs.
    public static readonly int[] Classes = ClassesOf(X);
    public static readonly int[] TestClasses = ClassesOf(TestX);

    private static int[] ClassesOf(Matrix<double> points) =>
        Enumerable.Range(0, points.RowCount).Select(i => (int)Math.Floor((Math.Atan2(points[i, 1], points[i, 0]) + Math.PI) / (2 * Math.PI / 3)) % 3).ToArray();

    // Tolerance 1e-9: every run uses its whole step budget.
    public static readonly TrainerConfig Gd = new()
    {
        Width = 256, Rank = 5, Steps = 300, Seed = 4, RecordInterval = 7, Tolerance = 1e-9, Optimizer = Optimizer.GradientDescent,
    };

    public static readonly TrainerConfig Pgd = Gd with { Optimizer = Optimizer.Preconditioned };

    public static readonly TrainerConfig MiniBatch = Pgd with { BatchSize = 8 };

    // Heavy ball: the state includes w_(t-1), which a checkpoint must carry for a bit-identical resume.
    public static readonly TrainerConfig Momentum = Pgd with { Momentum = 0.5 };

    // The scale path on the same problem: Nystrom eigenpairs from 20 of the 32 points, full batch and mini-batch.
    public static readonly TrainerConfig Nystrom = Pgd with { Path = TrainingPath.Nystrom, Subsample = 20 };

    public static readonly TrainerConfig NystromMiniBatch = Nystrom with { BatchSize = 8 };

    // Early stopping: a seeded validation split, the best record's parameters and the patience count are run state.
    public static readonly TrainerConfig EarlyStopping = Pgd with { ValidationFraction = 0.25, Patience = 1000 };

    public static TrainerConfig Named(string name) => name switch
    {
        "EarlyStopping" => EarlyStopping,
        "GD" => Gd,
        "PGD" => Pgd,
        "MiniBatch" => MiniBatch,
        "Momentum" => Momentum,
        "Nystrom" => Nystrom,
        "NystromMiniBatch" => NystromMiniBatch,
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>Bit-identical trajectories: steps, losses, residuals, projections and final parameters.</summary>
    public static void AssertIdentical(TrainingResult expected, TrainingResult actual)
    {
        Assert.Equal(expected.StepsTaken, actual.StepsTaken);
        Assert.Equal(expected.Converged, actual.Converged);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.StepSize), BitConverter.DoubleToInt64Bits(actual.StepSize));
        Assert.Equal(expected.Records.Count, actual.Records.Count);
        for (var i = 0; i < expected.Records.Count; i++)
        {
            var a = expected.Records[i];
            var b = actual.Records[i];
            Assert.Equal(a.Step, b.Step);
            Assert.Equal(Bits(a.TrainLoss), Bits(b.TrainLoss));
            Assert.Equal(a.TestLoss.HasValue, b.TestLoss.HasValue);
            Assert.Equal(Bits(a.TestLoss ?? 0), Bits(b.TestLoss ?? 0));
            Assert.Equal(Bits(a.RelativeResidual), Bits(b.RelativeResidual));
            Assert.Equal(a.EigenProjections.Select(Bits), b.EigenProjections.Select(Bits));
            Assert.Equal(Bits(a.ResidualOutsideTop), Bits(b.ResidualOutsideTop));
            Assert.Equal(a.OutputTrainLosses.Select(Bits), b.OutputTrainLosses.Select(Bits));
            Assert.Equal(a.TrainAccuracy, b.TrainAccuracy);
            Assert.Equal(a.TestAccuracy, b.TestAccuracy);
            Assert.Equal(Bits(a.StepSize), Bits(b.StepSize));
            Assert.Equal(a.StepSizeReduced, b.StepSizeReduced);
        }

        Assert.Equal(expected.StepSizeChanges, actual.StepSizeChanges);

        Assert.Equal(expected.Milestones.Count, actual.Milestones.Count);
        for (var i = 0; i < expected.Milestones.Count; i++)
        {
            Assert.Equal(expected.Milestones[i].Step, actual.Milestones[i].Step);
            Assert.Equal(Bits(expected.Milestones[i].Tolerance), Bits(actual.Milestones[i].Tolerance));
            Assert.Equal(expected.Milestones[i].Parameters.Select(Bits), actual.Milestones[i].Parameters.Select(Bits));
        }

        Assert.Equal(expected.StopReason, actual.StopReason);
        Assert.Equal(expected.FinalResidualMatrix.ToColumnMajorArray().Select(Bits), actual.FinalResidualMatrix.ToColumnMajorArray().Select(Bits));
        Assert.Equal(expected.Network.CopyParameters().Select(Bits), actual.Network.CopyParameters().Select(Bits));
    }

    public static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}

/// <summary>A scratch directory deleted after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spectrumdsl-reliab-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Calls the action synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SyncProgress(Action<TrainingProgress> action) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => action(value);
}
