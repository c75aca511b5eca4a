using ScottPlot;

namespace SpectrumDsl.Examples;

/// <summary>
/// The examples' PNG charts: lines with optional logarithmic axes (<see cref="LogAxis"/>) and grouped bars
/// (<see cref="Bars"/>). The legend sits outside the data, to the right, so it never hides a curve.
/// </summary>
public static partial class Charts
{
    /// <summary>Pixels of every chart.</summary>
    public const int Width = 1000;

    /// <summary>Pixels of every chart.</summary>
    public const int Height = 600;

    /// <summary>Series with more points than this get no markers unless they ask for them.</summary>
    public const int AutomaticMarkerLimit = 60;

    /// <summary>The colours series are drawn in, by <see cref="Series.Colour"/> (Category10: ten distinguishable hues).</summary>
    public static readonly IReadOnlyList<Color> Palette = new ScottPlot.Palettes.Category10().Colors;

    /// <summary>Writes a line chart to <paramref name="path"/> (PNG) and returns the path.</summary>
    public static string Lines(string path, string title, string xLabel, string yLabel, IEnumerable<Series> series,
        bool logX = false, bool logY = false, bool integerX = false) =>
        Save(LinePlot(title, xLabel, yLabel, series, logX, logY, integerX), path);

    /// <summary>
    /// The line chart <see cref="Lines"/> writes. On a log axis the plotted coordinate is log10 of the value
    /// (non-positive values are dropped) and the ticks carry the values; <paramref name="integerX"/> puts ticks
    /// only at whole numbers on a linear x axis (a degree, a count).
    /// </summary>
    public static Plot LinePlot(string title, string xLabel, string yLabel, IEnumerable<Series> series, bool logX = false, bool logY = false,
        bool integerX = false)
    {
        var plot = new Plot();
        var kept = new List<(double X, double Y)>();
        var index = 0;
        foreach (var line in series)
        {
            // Non-positive values have no logarithm: drop them from log-scaled lines.
            var points = line.X.Zip(line.Y)
                .Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!logX || p.First > 0) && (!logY || p.Second > 0))
                .ToArray();
            kept.AddRange(points);
            var xs = points.Select(p => logX ? Math.Log10(p.First) : p.First).ToArray();
            var ys = points.Select(p => logY ? Math.Log10(p.Second) : p.Second).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = line.Label;
            scatter.Color = Palette[(line.Colour ?? index) % Palette.Count];
            scatter.LineWidth = 2;
            scatter.LinePattern = line.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            scatter.MarkerSize = line.Markers ?? xs.Length <= AutomaticMarkerLimit ? 6 : 0;
            index++;
        }

        if (logX)
        {
            LogAxis.For(kept.Select(p => p.X)).Apply(plot.Axes.Bottom);
        }
        else if (integerX)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        if (logY)
        {
            LogAxis.For(kept.Select(p => p.Y)).Apply(plot.Axes.Left);
        }

        Label(plot, title, xLabel, yLabel);
        return plot;
    }

    private static void Label(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        // Long enough for a dash and a gap, so a dashed series reads as dashed in the legend.
        plot.Legend.SymbolWidth = 40;
    }

    private static string Save(Plot plot, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        plot.SavePng(path, Width, Height);
        return path;
    }
}
