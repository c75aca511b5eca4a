using ScottPlot;
using ScottPlot.Panels;
using ScottPlot.Plottables;

namespace SpectrumDsl.Examples.Tests;

/// <summary>The charts' axes, legends and bars: what a reader of the PNGs relies on.</summary>
public class ChartTests
{
    private static string[] Labels(LogAxis axis) => axis.Ticks.Where(t => t.IsMajor && t.Label != "").Select(t => t.Label).ToArray();

    private static double[] Decades(LogAxis axis) => axis.Ticks.Where(t => t.IsMajor && Math.Abs(t.Position - Math.Round(t.Position)) < 1e-12).Select(t => t.Position).ToArray();

    [Fact]
    public void A_log_axis_over_several_decades_ticks_and_labels_every_decade_in_view()
    {
        // Train losses from 4.5e-5 to 0.9: the axis (padded by 3 % of the span) holds the decades 1e-4 ... 1, each labelled.
        var axis = LogAxis.Spanning(Math.Log10(4.5e-5), Math.Log10(0.9));
        Assert.Equal([-4.0, -3.0, -2.0, -1.0, 0.0], Decades(axis));
        Assert.Equal(["1e-4", "1e-3", "1e-2", "1e-1", "1e0"], Labels(axis));
        Assert.True(axis.Min < Math.Log10(4.5e-5) && axis.Max > Math.Log10(0.9), "the data must lie inside the axis");
        // Eight minor ticks (2..9 times) per decade inside the axis, none labelled.
        Assert.Equal(8, axis.Ticks.Count(t => !t.IsMajor && t.Position > -3 && t.Position < -2));
    }

    [Fact]
    public void A_log_axis_showing_at_most_three_decades_also_labels_two_and_five_times_a_decade()
    {
        // Tolerances 0.01 and 0.1 (same-solution.png at the CI settings).
        var axis = LogAxis.Spanning(-2, -1);
        Assert.Equal(["0.01", "0.02", "0.05", "0.1"], Labels(axis));
    }

    [Fact]
    public void A_log_axis_fits_data_narrower_than_a_decade_that_hold_one()
    {
        // Sample counts 150 and 1200 hold the decade 1000: the axis fits them.
        var axis = LogAxis.Spanning(Math.Log10(150), Math.Log10(1200));
        Assert.Equal([3.0], Decades(axis));
        Assert.Equal(["200", "500", "1000"], Labels(axis));
        // Padded by 0.04 decade (3 % of a 0.9-decade span is less) on each side.
        Assert.Equal(Math.Log10(150) - 0.04, axis.Min, 12);
        Assert.Equal(Math.Log10(1200) + 0.04, axis.Max, 12);
    }

    [Theory]
    [InlineData(0.02, 0.08, -1.0, new[] { "0.02", "0.05", "0.1" })]
    [InlineData(0.012, 0.03, -2.0, new[] { "0.01", "0.02" })]
    public void A_log_axis_over_data_without_a_decade_reaches_to_the_nearer_one(double min, double max, double decade, string[] labels)
    {
        var axis = LogAxis.Spanning(Math.Log10(min), Math.Log10(max));
        Assert.Equal([decade], Decades(axis));
        Assert.Equal(labels, Labels(axis));
    }

    [Fact]
    public void A_log_axis_over_many_decades_ticks_each_and_labels_at_most_a_dozen()
    {
        var axis = LogAxis.Spanning(-30, 0);
        Assert.Equal(31, Decades(axis).Length);
        Assert.InRange(Labels(axis).Length, 8, LogAxis.MaxLabels);
    }

    [Fact]
    public void A_line_chart_on_log_axes_has_decade_ticks_and_its_legend_outside_the_data()
    {
        var plot = Charts.LinePlot("t", "x", "y",
        [
            new Series("a", [1, 10, 100, 1000], [1, 0.1, 0.01, 0.001]),
            new Series("b", [1, 2, 3], [1, 0.01, 1e-4]) { Colour = 0, Dashed = true, Markers = true },
        ], logX: true, logY: true);
        // A tick generator lists its ticks once the plot is rendered.
        plot.GetImage(Charts.Width, Charts.Height);
        var bottom = Assert.IsType<ScottPlot.TickGenerators.NumericManual>(plot.Axes.Bottom.TickGenerator);
        Assert.Equal(["1", "10", "100", "1000"], bottom.Ticks.Where(t => t.IsMajor && Math.Abs(t.Position - Math.Round(t.Position)) < 1e-12).Select(t => t.Label));
        var left = Assert.IsType<ScottPlot.TickGenerators.NumericManual>(plot.Axes.Left.TickGenerator);
        Assert.Equal(5, left.Ticks.Count(t => t.IsMajor && Math.Abs(t.Position - Math.Round(t.Position)) < 1e-12));
        // Outside: a legend panel on the right edge, and no legend drawn inside the data area.
        Assert.False(plot.Legend.IsVisible);
        Assert.Equal(Edge.Right, Assert.Single(plot.Axes.GetPanels().OfType<LegendPanel>()).Edge);
        // A pair shares its colour; the second is dashed with a marker at every point.
        var lines = plot.GetPlottables<Scatter>().ToArray();
        Assert.Equal(lines[0].Color, lines[1].Color);
        Assert.Equal((LinePattern.Solid, LinePattern.Dashed), (lines[0].LinePattern, lines[1].LinePattern));
        Assert.True(lines[1].MarkerSize > 0);
    }

    [Fact]
    public void A_bar_chart_names_every_category_under_its_group_of_bars()
    {
        string[] classes = ["T-shirt/top", "Trouser", "Pullover"];
        var plot = Charts.BarPlot("t", "recall", classes, [new BarSeries("GD", [0.5, 0.6, 0.7]), new BarSeries("PGD", [0.8, 0.9, 1.0])], (0, 1));
        plot.GetImage(Charts.Width, Charts.Height);
        var ticks = Assert.IsType<ScottPlot.TickGenerators.NumericManual>(plot.Axes.Bottom.TickGenerator).Ticks;
        Assert.Equal(classes, ticks.Select(t => t.Label));
        var groups = plot.GetPlottables<BarPlot>().ToArray();
        Assert.Equal(["GD", "PGD"], groups.Select(g => g.LegendText));
        // Bar i of every series sits within half a slot of category i's tick, with the series' value.
        for (var s = 0; s < groups.Length; s++)
        {
            for (var c = 0; c < classes.Length; c++)
            {
                var bar = groups[s].Bars[c];
                Assert.InRange(bar.Position, ticks[c].Position - 0.5, ticks[c].Position + 0.5);
                Assert.Equal(s == 0 ? 0.5 + 0.1 * c : 0.8 + 0.1 * c, bar.Value, 12);
            }
        }

        Assert.NotEqual(groups[0].Bars[0].FillColor, groups[1].Bars[0].FillColor);
        Assert.Equal(Edge.Right, Assert.Single(plot.Axes.GetPanels().OfType<LegendPanel>()).Edge);
    }

    [Fact]
    public void A_bar_series_with_a_value_missing_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.BarPlot("t", "y", ["a", "b"], [new BarSeries("GD", [0.5])]));
        Assert.Contains("'GD' has 1 values for 2 categories", error.Message);
    }
}
