using System.Globalization;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// One column of a CSV/TSV file, chosen by its header name or by its 0-based index. Strings and
/// integers convert implicitly, so <c>labels: ["price"]</c> and <c>labels: [0]</c> both work.
/// </summary>
public sealed record CsvColumn
{
    private CsvColumn(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The header name, or null when the column is chosen by index.</summary>
    public string? Name { get; }

    /// <summary>The 0-based index, or -1 when the column is chosen by name.</summary>
    public int Index { get; }

    /// <summary>The column whose header is <paramref name="name"/> (exact, case-sensitive match after trimming spaces).</summary>
    public static CsvColumn Named(string name)
    {
        Guard.NotNull(name, nameof(name));
        if (name.Trim().Length == 0)
        {
            throw new ArgumentException("name must not be empty or blank; give the column's header text or choose it by index.", nameof(name));
        }

        return new CsvColumn(name.Trim(), -1);
    }

    /// <summary>The column at 0-based <paramref name="index"/> (the first field of a line is index 0).</summary>
    public static CsvColumn At(int index)
    {
        Guard.AtLeast(index, 0, nameof(index), "Column indices count from 0.");
        return new CsvColumn(null, index);
    }

    /// <summary>Chooses a column by its header name.</summary>
    public static implicit operator CsvColumn(string name) => Named(name);

    /// <summary>Chooses a column by its 0-based index.</summary>
    public static implicit operator CsvColumn(int index) => At(index);

    /// <summary>"price" or "index 3".</summary>
    public override string ToString() =>
        Name is null ? "index " + Index.ToString(CultureInfo.InvariantCulture) : "\"" + Name + "\"";
}
