namespace SpectrumDsl.Examples;

/// <summary>One named line of a chart.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">Horizontal values.</param>
/// <param name="Y">Vertical values (same length as <paramref name="X"/>).</param>
public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>
    /// Index into the chart palette; series with the same index share a colour, so a reader pairs them
    /// (for example GD and PGD of one frequency). Null: the series' own position in the chart.
    /// </summary>
    public int? Colour { get; init; }

    /// <summary>Drawn dashed instead of solid (the second member of a pair).</summary>
    public bool Dashed { get; init; }

    /// <summary>A marker at every point: true, false, or null for automatic (markers on short series only).</summary>
    public bool? Markers { get; init; }
}
