using System.Globalization;

namespace SpectrumDsl.Data;

/// <summary>
/// The one place a CSV error's position is written: "file, line L, column C ("name"): problem".
/// Columns are 1-based field numbers, like lines, because that is what a person counts in an editor.
/// </summary>
internal sealed class CsvErrors(string path, char delimiter)
{
    /// <summary>The header's names once known (null without a header).</summary>
    public IReadOnlyList<string>? Names { get; set; }

    public string Path => path;

    /// <summary>The delimiter as a person reads it: ',' or "tab".</summary>
    public string Delimiter { get; } = delimiter switch
    {
        '\t' => "tab",
        ' ' => "space",
        _ => "'" + delimiter + "'",
    };

    public CsvFormatException At(int line, int? column, string problem, string? text = null)
    {
        var name = column is int c && Names is not null && c >= 1 && c <= Names.Count ? Names[c - 1] : null;
        var where = path + (line > 0 ? ", line " + Number(line) : string.Empty)
            + (column is int field ? ", column " + Number(field) : string.Empty)
            + (name is null ? string.Empty : " (\"" + name + "\")");
        return new CsvFormatException(where + ": " + problem, path, line, column, name, text);
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Field text as quoted in a message, shortened so a runaway field cannot flood it.</summary>
    public static string Quote(string text) => "\"" + (text.Length <= 60 ? text : text[..57] + "...") + "\"";
}
