using ScottPlot;

namespace SpectrumDsl.Examples;

/// <summary>One named line of a chart.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">Horizontal values.</param>
/// <param name="Y">Vertical values (same length as <paramref name="X"/>).</param>
public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>PNG line charts with optional logarithmic axes, the only kind the examples need.</summary>
public static class Charts
{
    /// <summary>Writes a line chart to <paramref name="path"/> (PNG, 900 x 600) and returns the path; the legend sits in the <paramref name="legend"/> corner (upper right by default).</summary>
    public static string Lines(string path, string title, string xLabel, string yLabel, IEnumerable<Series> series,
        bool logX = false, bool logY = false, Alignment? legend = null)
    {
        var plot = new Plot();
        foreach (var line in series)
        {
            // Non-positive values have no logarithm: drop them from log-scaled lines.
            var points = line.X.Zip(line.Y)
                .Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!logX || p.First > 0) && (!logY || p.Second > 0))
                .ToArray();
            var xs = points.Select(p => logX ? Math.Log10(p.First) : p.First).ToArray();
            var ys = points.Select(p => logY ? Math.Log10(p.Second) : p.Second).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = line.Label;
            scatter.MarkerSize = xs.Length > 60 ? 0 : 5;
        }

        if (logX)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = value => $"1e{value:0}",
            };
        }

        if (logY)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = value => $"1e{value:0}",
            };
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(legend ?? Alignment.UpperRight);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        plot.SavePng(path, 900, 600);
        return path;
    }
}
