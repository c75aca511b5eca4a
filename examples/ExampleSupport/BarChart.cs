using ScottPlot;

namespace SpectrumDsl.Examples;

/// <summary>One group member of a bar chart: a value for every category (for example one optimizer's accuracy per class).</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Values">One value per category, in category order.</param>
public sealed record BarSeries(string Label, IReadOnlyList<double> Values);

public static partial class Charts
{
    /// <summary>Writes a grouped bar chart to <paramref name="path"/> (PNG) and returns the path.</summary>
    public static string Bars(string path, string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series,
        (double Min, double Max)? yLimits = null) =>
        Save(BarPlot(title, yLabel, categories, series, yLimits), path);

    /// <summary>
    /// The chart <see cref="Bars"/> writes: for each category a group of bars, one per series in the series' colour,
    /// and the category's name under its group.
    /// </summary>
    public static Plot BarPlot(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series,
        (double Min, double Max)? yLimits = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var group in series.Where(s => s.Values.Count != categories.Count))
        {
            throw new ArgumentException($"Bar series '{group.Label}' has {group.Values.Count} values for {categories.Count} categories.", nameof(series));
        }

        var plot = new Plot();
        // A group fills 80 % of its slot, so neighbouring groups stay apart.
        var width = 0.8 / Math.Max(1, series.Count);
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Count];
            var bars = series[s].Values.Select((value, c) => new Bar
            {
                Position = c - 0.4 + width * (s + 0.5),
                Value = value,
                Size = width,
                FillColor = colour,
                LineWidth = 0,
            }).ToArray();
            plot.Add.Bars(bars).LegendText = series[s].Label;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            categories.Select((_, c) => (double)c).ToArray(), categories.ToArray());
        // Names longer than a slot would overlap: slant them.
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Axes.SetLimitsX(-0.6, categories.Count - 0.4);
        if (yLimits is var (min, max))
        {
            plot.Axes.SetLimitsY(min, max);
        }

        // Horizontal grid lines to read values against; vertical ones would cut through the groups.
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5 };
        Label(plot, title, "", yLabel);
        return plot;
    }
}
