using SpectrumDsl.Examples;

namespace SpeedupRegimes;

/// <summary>speedup.png: GD steps / PGD steps against the degree, on a log axis, measured and predicted for each activation.</summary>
internal static class Plots
{
    public static string Write(string path, IReadOnlyList<Regime> regimes)
    {
        // One colour per activation: kernel theory solid, the network dashed.
        var series = regimes.SelectMany((regime, i) => new[]
        {
            Line($"{regime.Architecture.ActivationName}, kernel theory", regime.Rows.Select(r => (r.Degree, r.PredictedSpeedup))) with { Colour = i, Markers = true },
            Line($"{regime.Architecture.ActivationName}, network", regime.Rows.Select(r => (r.Degree, r.MeasuredSpeedup))) with { Colour = i, Dashed = true, Markers = true },
        });
        return Charts.Lines(path, "Speed-up of PGD (top 2D + 1 flattened) over GD on cos(D theta), circle",
            "degree D", "GD steps / PGD steps (log scale)", series, logY: true, integerX: true);
    }

    // Degrees without a value (not resolved, not converged) are left out of the line.
    private static Series Line(string label, IEnumerable<(int Degree, double? Speedup)> points)
    {
        var known = points.Where(p => p.Speedup is not null).ToArray();
        return new Series(label, known.Select(p => (double)p.Degree).ToArray(), known.Select(p => p.Speedup!.Value).ToArray());
    }
}
