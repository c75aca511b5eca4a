using SpectrumDsl.Examples;

namespace SpeedupRegimes;

/// <summary>report.json: the settings and, per activation, one row per degree (network steps null where not run).</summary>
internal static class Report
{
    public static string Write(string path, Settings settings, IReadOnlyList<Regime> regimes)
    {
        var document = new
        {
            run = RunStamp.Capture("SpeedupRegimes"),
            settings = new
            {
                Settings.Dimension,
                Settings.Depth,
                Settings.Bias,
                settings.MaxDegree,
                settings.Samples,
                settings.Width,
                settings.Tolerance,
                settings.MaxSteps,
                settings.Seed,
                settings.LearningRate,
                onDivergence = settings.OnDivergence.ToString().ToLowerInvariant(),
                target = "flatten the top 2D + 1 eigenvalues",
            },
            regimes = regimes.Select(regime => new
            {
                activation = regime.Architecture.ActivationName,
                kernel = regime.Architecture.Ntk().Name,
                rows = regime.Rows.Select(r => new
                {
                    degree = r.Degree,
                    rank = r.Rank,
                    gdSteps = r.GdSteps,
                    pgdSteps = r.PgdSteps,
                    predictedGdSteps = r.PredictedGdSteps,
                    predictedPgdSteps = r.PredictedPgdSteps,
                    measuredSpeedup = r.MeasuredSpeedup,
                    predictedSpeedup = r.PredictedSpeedup,
                    resolved = r.Resolved,
                    gdConverged = r.GdConverged,
                    pgdConverged = r.PgdConverged,
                    delta1OverDeltaK = r.ConditionRatio,
                    unresolvedEnergy = r.UnresolvedEnergy,
                    requiredWidth = r.RequiredWidth,
                }),
            }),
        };
        return ReportJson.Write(path, document);
    }
}
