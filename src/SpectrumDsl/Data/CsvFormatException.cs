namespace SpectrumDsl.Data;

/// <summary>
/// A CSV/TSV file that cannot be read as asked. The message names the file, the 1-based line and
/// column (the column counts fields, not characters), the column's header name when there is one,
/// the offending text, and what to change; the same facts are available as properties.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    internal CsvFormatException(string message, string path, int line, int? column, string? columnName, string? text)
        : base(message)
    {
        FilePath = path;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Text = text;
    }

    /// <summary>The file that was read.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number (0 when the problem is the file as a whole, e.g. no data).</summary>
    public int Line { get; }

    /// <summary>The 1-based field number on that line, or null when the problem is the whole line or a column selection.</summary>
    public int? Column { get; }

    /// <summary>The header name of that column, or null without a header.</summary>
    public string? ColumnName { get; }

    /// <summary>The offending field text, or null when there is none.</summary>
    public string? Text { get; }
}
