using SpectrumDsl.Examples;

namespace SpectralBias;

/// <summary>report.json: the run's settings and, per frequency, measured and predicted step counts.</summary>
internal static class Report
{
    public static string Write(string folder, Settings settings, Experiment experiment, double conditionRatio, IReadOnlyList<FrequencyResult> results)
    {
        var document = new
        {
            run = RunStamp.Capture("SpectralBias"),
            settings = new
            {
                settings.Dimension,
                settings.Samples,
                settings.TestPoints,
                settings.Width,
                settings.Depth,
                settings.Bias,
                settings.Rank,
                settings.Frequencies,
                settings.Tolerance,
                settings.MaxSteps,
                settings.Seed,
                settings.LearningRate,
                onDivergence = settings.OnDivergence.ToString().ToLowerInvariant(),
                target = experiment.Spec.Target.Description,
                kernel = experiment.Spec.Kernel.Name,
                eigenBackend = SpectrumDsl.LinearAlgebra.SymmetricEigen.BackendDescription,
                delta1OverDeltaK = conditionRatio,
                gdStepSize = results.Count > 0 ? results[0].Gd.StepSize : (double?)null,
                pgdStepSize = results.Count > 0 ? results[0].Pgd.StepSize : (double?)null,
            },
            frequencies = results.Select(r => new
            {
                frequency = r.Frequency,
                gdSteps = r.GdSteps,
                pgdSteps = r.PgdSteps,
                predictedGdSteps = r.PredictedGdSteps,
                predictedPgdSteps = r.PredictedPgdSteps,
                measuredSpeedup = r.MeasuredSpeedup,
                predictedSpeedup = r.PredictedSpeedup,
                targetShareInTopK = r.TargetShareInTopK,
                gdTestError = r.GdTestError,
                pgdTestError = r.PgdTestError,
                gdConverged = r.GdConverged,
                pgdConverged = r.PgdConverged,
                momentum = r.Momentum.Mu,
                pgdMomentumStepSize = r.Momentum.StepSize,
                pgdMomentumSteps = r.Momentum.Steps,
                predictedPgdMomentumSteps = r.Momentum.PredictedSteps,
                pgdMomentumConverged = r.Momentum.Converged,
                momentumSpeedup = r.Momentum.Speedup,
                predictedMomentumSpeedup = r.Momentum.PredictedSpeedup,
                gdResumedFromStep = r.Gd.ResumedFromStep,
                pgdResumedFromStep = r.Pgd.ResumedFromStep,
                warnings = r.Warnings,
            }),
            sameSolution = results.SelectMany(r => r.SameSolution).Select(row => new
            {
                frequency = row.Frequency,
                tolerance = row.Tolerance,
                gdVsPgd = row.GdVsPgd,
                gdVsLimit = row.GdVsLimit,
                pgdVsLimit = row.PgdVsLimit,
                gdSteps = row.GdSteps,
                pgdSteps = row.PgdSteps,
            }),
        };
        return ReportJson.Write(Path.Combine(folder, "report.json"), document);
    }
}
