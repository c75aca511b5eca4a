using SpectrumDsl.Training;

namespace FashionMnist;

/// <summary>One evaluation along training.</summary>
/// <param name="Step">Updates made.</param>
/// <param name="Epoch">Passes over the training set (step x points per step / n).</param>
/// <param name="Seconds">Wall time since the first step (setup excluded).</param>
/// <param name="TrainLoss">1/(2n) ||F(X) - Y||_F^2 on the centred one-hot targets.</param>
/// <param name="TestAccuracy">Fraction of test images whose largest output is their class.</param>
public sealed record CurvePoint(int Step, double Epoch, double Seconds, double TrainLoss, double TestAccuracy);

/// <summary>When a run first reached a test accuracy (all null when it never did within its budget).</summary>
public sealed record Milestone(double Accuracy, int? Step, double? Epoch, double? Seconds);

/// <summary>One optimizer's run: the trainer's result and what the report says about it.</summary>
public sealed record RunSummary(string Name, TrainingResult Result, double SetupSeconds, IReadOnlyList<CurvePoint> Curve, IReadOnlyList<Milestone> Milestones)
{
    /// <summary>The test accuracies the report times (80 % and 85 %).</summary>
    public static readonly IReadOnlyList<double> Thresholds = [0.80, 0.85];

    public double BestTestAccuracy => Curve.Max(point => point.TestAccuracy);

    public double FinalTestAccuracy => Curve[^1].TestAccuracy;

    public double FinalTrainLoss => Curve[^1].TrainLoss;

    /// <summary>The curve and the first time each threshold was reached, from the run's records.</summary>
    public static RunSummary Of(string name, TrainingResult result, double setupSeconds, Settings settings)
    {
        var curve = result.Records
            .Where(record => record.TestAccuracy is not null)
            .Select(record => new CurvePoint(record.Step, settings.Epochs(record.Step), record.Elapsed.TotalSeconds, record.TrainLoss, record.TestAccuracy!.Value))
            .ToArray();
        if (curve.Length == 0)
        {
            throw new InvalidOperationException($"The {name} run recorded no test accuracy; it needs test data and at least one record.");
        }

        var milestones = Thresholds
            .Select(threshold => curve.FirstOrDefault(point => point.TestAccuracy >= threshold) is { } first
                ? new Milestone(threshold, first.Step, first.Epoch, first.Seconds)
                : new Milestone(threshold, null, null, null))
            .ToArray();
        return new RunSummary(name, result, setupSeconds, curve, milestones);
    }
}
