using System.Globalization;

namespace ResultsPages;

/// <summary>How the pages write numbers: invariant culture, a fixed number of digits per quantity, '-' for none.</summary>
internal static class Format
{
    public const string None = "-";

    /// <summary>A step count, prefixed with '&gt;' when the run hit its budget without converging.</summary>
    public static string Steps(long? steps, bool? converged = true) =>
        steps is not long s ? None : converged == false ? $">{s}" : s.ToString(CultureInfo.InvariantCulture);

    public static string Integer(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;

    /// <summary><paramref name="value"/> with <paramref name="pattern"/> (a .NET custom format), or '-'.</summary>
    public static string Number(double? value, string pattern) =>
        value is double v ? v.ToString(pattern, CultureInfo.InvariantCulture) : None;

    /// <summary>A ratio as "12.3x".</summary>
    public static string Times(double? value, string pattern = "0.#") => value is double v ? $"{Number(v, pattern)}x" : None;

    /// <summary>An accuracy or share as a plain fraction with three decimals (0.862).</summary>
    public static string Fraction(double? value) => Number(value, "0.000");

    /// <summary>Seconds with one decimal, or minutes and seconds from 100 s on.</summary>
    public static string Duration(double seconds) => seconds < 100
        ? $"{Number(seconds, "0.0")} s"
        : $"{(int)(seconds / 60)} min {Number(seconds % 60, "0")} s";

    /// <summary>A markdown table: header, separator, rows; a '|' inside a cell is escaped.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
        var lines = new List<string> { Row(header), "|" + string.Concat(header.Select(_ => "---|")) };
        lines.AddRange(rows.Select(Row));
        return string.Join('\n', lines) + "\n";
    }
}
