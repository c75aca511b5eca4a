namespace SpectrumDsl.Data;

/// <summary>
/// How a CSV/TSV file is laid out. The defaults read RFC 4180 comma-separated files with a header
/// line; <see cref="Tsv"/> is the tab-separated variant. Numbers are always read in the invariant
/// culture ('.' decimal point, optional exponent), whatever the current culture is.
/// </summary>
public sealed record CsvOptions
{
    /// <summary>The field separator (default ','). Must not be the quote character or a line break.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Whether the first non-blank line holds column names (default true). Without a header a column's
    /// name is its 0-based index as text ("0", "1", ...), and columns can only be chosen by index.
    /// </summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// The feature columns, in the order they become columns of the feature matrix; null (default) means
    /// every column that is not a label, in file order. Columns that are neither features nor labels are
    /// ignored and may hold anything (identifiers, text).
    /// </summary>
    public IReadOnlyList<CsvColumn>? Features { get; init; }

    /// <summary>
    /// Whether a field may be enclosed in double quotes (default true): "1.5" reads as 1.5, a doubled
    /// quote inside stands for one quote, and a quoted field may contain the delimiter. A quoted field
    /// must close on the line where it opens.
    /// </summary>
    public bool AllowQuotes { get; init; } = true;

    /// <summary>Tab-separated values with a header line.</summary>
    public static CsvOptions Tsv { get; } = new() { Delimiter = '\t' };
}
