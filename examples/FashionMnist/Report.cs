using System.Globalization;
using SpectrumDsl.Examples;

namespace FashionMnist;

/// <summary>report.json: the settings, each optimizer's accuracy milestones and curve, the kernel-regression limits and the spectrum.</summary>
internal static class Report
{
    /// <summary>"0.80" for 0.8: the keys of the milestone maps.</summary>
    public static string Key(double accuracy) => accuracy.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>GD's steps over PGD's to an accuracy; null unless both reached it.</summary>
    public static double? Speedup(ExperimentResult result, int milestone) =>
        result.Gd.Milestones[milestone].Step is int gd && result.Pgd.Milestones[milestone].Step is int pgd ? (double)gd / Math.Max(pgd, 1) : null;

    public static string Write(string path, Settings settings, FashionData data, ExperimentResult result)
    {
        var info = result.Pgd.Result.Preconditioner;
        var document = new
        {
            run = RunStamp.Capture("FashionMnist"),
            settings = new
            {
                settings.Train,
                settings.Test,
                dimension = data.TrainX.ColumnCount,
                pca = settings.Components,
                settings.Width,
                settings.Depth,
                settings.Bias,
                settings.Rank,
                steps = settings.Steps,
                settings.BatchSize,
                stepsPerEpoch = settings.StepsPerEpoch,
                path = result.Pgd.Result.Path.ToString().ToLowerInvariant(),
                subsample = result.Pgd.Result.Subsample,
                settings.EvaluateEvery,
                settings.Seed,
                settings.LearningRate,
                onDivergence = settings.OnDivergence.ToString().ToLowerInvariant(),
                setupSeconds = result.Pgd.SetupSeconds,
                peakWorkingSetBytes = result.PeakWorkingSetBytes,
                processors = Environment.ProcessorCount,
                eigenBackend = SpectrumDsl.LinearAlgebra.SymmetricEigen.BackendDescription,
            },
            gd = Run(result.Gd),
            pgd = Run(result.Pgd),
            kernelRegression = new
            {
                fromInitialOutputTestAccuracy = result.KernelRegression.FromInitialOutputAccuracy,
                fromZeroTestAccuracy = result.KernelRegression.FromZeroAccuracy,
                method = result.KernelRegression.Method,
                epochs = result.KernelRegression.Epochs,
                seconds = result.KernelRegression.Seconds,
            },
            speedupToAccuracy = RunSummary.Thresholds.Select((threshold, i) => (threshold, i)).ToDictionary(m => Key(m.threshold), m => Speedup(result, m.i)),
            spectrum = new
            {
                rank = info.Rank,
                delta1OverDeltaK = info.ConditionRatio,
                labelShareInTopK = info.TargetShareInTopK,
                realisableSpeedupShare = info.RealisableSpeedupShare,
                stepSizeRatio = result.Pgd.Result.StepSize / result.Gd.Result.StepSize,
            },
            inputBalance = new
            {
                meanSelfProductOverD = data.Balance.Diagonal,
                meanAbsCrossProductOverD = data.Balance.OffDiagonal,
                biasSquared = data.Balance.BiasSquared,
            },
            pgdTestConfusion = result.Pgd.Result.TestClassification?.Confusion,
            classes = FashionData.ClassNames,
        };
        return ReportJson.Write(path, document);
    }

    private static object Run(RunSummary run) => new
    {
        stepsToAccuracy = run.Milestones.ToDictionary(m => Key(m.Accuracy), m => m.Step),
        epochsToAccuracy = run.Milestones.ToDictionary(m => Key(m.Accuracy), m => m.Epoch),
        secondsToAccuracy = run.Milestones.ToDictionary(m => Key(m.Accuracy), m => m.Seconds),
        bestTestAccuracy = run.BestTestAccuracy,
        finalTestAccuracy = run.FinalTestAccuracy,
        trainLoss = run.FinalTrainLoss,
        stepsTaken = run.Result.StepsTaken,
        stepSize = run.Result.StepSize,
        setupSeconds = run.SetupSeconds,
        setupPhases = run.Result.SetupPhases.Select(phase => new { phase.Name, phase.Seconds }),
        testRecall = run.Result.TestClassification?.Recall,
        warnings = run.Result.Warnings,
        curve = run.Curve.Select(point => new { point.Step, point.Epoch, point.Seconds, point.TrainLoss, point.TestAccuracy }),
    };
}
