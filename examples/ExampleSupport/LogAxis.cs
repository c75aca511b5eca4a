using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace SpectrumDsl.Examples;

/// <summary>
/// A logarithmic axis a reader can read: the plotted coordinate is log10 of the value, every decade in view has
/// a labelled tick (labels thinned only beyond a dozen decades), and the values 2..9 times a decade have minor
/// ticks. The axis fits the data, padded a little so markers are not cut by the frame, and reaches to the nearest
/// decade when none lies among the data. When at most three decades are in view the values 2 and 5 times a decade
/// are labelled as well.
/// </summary>
public sealed class LogAxis
{
    /// <summary>Most decade labels drawn; above, every second (third, ...) decade is labelled, still each ticked.</summary>
    public const int MaxLabels = 12;

    private LogAxis(double min, double max, IReadOnlyList<Tick> ticks)
    {
        Min = min;
        Max = max;
        Ticks = ticks;
    }

    /// <summary>The axis' lower limit in plot coordinates (log10 of the value).</summary>
    public double Min { get; }

    /// <summary>The axis' upper limit in plot coordinates (log10 of the value).</summary>
    public double Max { get; }

    /// <summary>Major (labelled) and minor ticks, at log10 of their values, in increasing order.</summary>
    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>The axis for values whose log10 lie in [<paramref name="minLog"/>, <paramref name="maxLog"/>].</summary>
    public static LogAxis Spanning(double minLog, double maxLog)
    {
        if (!double.IsFinite(minLog) || !double.IsFinite(maxLog) || minLog > maxLog)
        {
            throw new ArgumentException($"A log axis needs finite bounds with min <= max, not [{minLog}, {maxLog}].", nameof(minLog));
        }

        var pad = Math.Max(0.04, 0.03 * (maxLog - minLog));
        var (min, max) = (minLog - pad, maxLog + pad);
        if (Math.Floor(max) < min)
        {
            // No decade in view: reach to the nearer one, so the reader has a decade to read the others from.
            var (below, above) = (Math.Floor(minLog), Math.Ceiling(maxLog));
            (min, max) = minLog - below <= above - maxLog ? (below - pad, max) : (min, above + pad);
        }

        var first = (int)Math.Ceiling(min);
        var last = (int)Math.Floor(max);
        var plain = first >= -3 && last <= 5;
        var every = Math.Max(1, (int)Math.Ceiling((last - first + 1) / (double)MaxLabels));
        var fine = last - first <= 2;
        var ticks = new List<Tick>();
        for (var decade = first - 1; decade <= last; decade++)
        {
            if (decade >= first)
            {
                ticks.Add(Tick.Major(decade, (decade - first) % every == 0 ? Label(1, decade, plain) : ""));
            }

            for (var multiple = 2; multiple <= 9; multiple++)
            {
                var position = decade + Math.Log10(multiple);
                if (position >= min && position <= max)
                {
                    ticks.Add(fine && multiple is 2 or 5 ? Tick.Major(position, Label(multiple, decade, plain)) : Tick.Minor(position));
                }
            }
        }

        return new LogAxis(min, max, ticks);
    }

    /// <summary>The axis for the positive finite <paramref name="values"/> (0.1 to 1 when there are none).</summary>
    public static LogAxis For(IEnumerable<double> values)
    {
        var logs = values.Where(v => v > 0 && double.IsFinite(v)).Select(Math.Log10).ToArray();
        return logs.Length == 0 ? Spanning(-1, 0) : Spanning(logs.Min(), logs.Max());
    }

    /// <summary>Puts the ticks and the limits on <paramref name="axis"/>.</summary>
    public void Apply(IAxis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        axis.TickGenerator = new NumericManual(Ticks.ToArray());
        axis.Min = Min;
        axis.Max = Max;
    }

    // Plain numbers (0.001 ... 100000) where every decade in view has a short one; otherwise one style for the axis: 2e-7.
    private static string Label(int multiple, int decade, bool plain) => plain
        ? (multiple * Math.Pow(10, decade)).ToString("0.###", CultureInfo.InvariantCulture)
        : $"{multiple}e{decade}";
}
