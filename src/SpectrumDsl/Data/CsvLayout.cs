namespace SpectrumDsl.Data;

/// <summary>Which fields of a line are labels and which are features, resolved against the first line.</summary>
internal sealed record CsvLayout(int FieldCount, int[] Labels, int[] Features, IReadOnlyList<string> Names)
{
    public static CsvLayout Resolve(IReadOnlyList<string> names, bool hasHeader, int line,
        IReadOnlyList<CsvColumn> labels, IReadOnlyList<CsvColumn>? features, CsvErrors errors)
    {
        var labelIndices = labels.Select(column => Find(column, "label", names, hasHeader, line, errors)).ToArray();
        CheckDistinct(labelIndices, "label", names, line, errors);
        int[] featureIndices;
        if (features is null)
        {
            featureIndices = Enumerable.Range(0, names.Count).Where(index => !labelIndices.Contains(index)).ToArray();
        }
        else
        {
            featureIndices = features.Select(column => Find(column, "feature", names, hasHeader, line, errors)).ToArray();
            CheckDistinct(featureIndices, "feature", names, line, errors);
            var both = featureIndices.FirstOrDefault(index => labelIndices.Contains(index), -1);
            if (both >= 0)
            {
                throw errors.At(line, both + 1,
                    "this column is chosen both as a label and as a feature; a label must not be an input. Remove it from one of the two selections.");
            }
        }

        if (featureIndices.Length == 0)
        {
            throw errors.At(line, null,
                $"no feature columns: the line has {CsvErrors.Number(names.Count)} field(s) and all are labels. Choose fewer label columns or add features.");
        }

        return new CsvLayout(names.Count, labelIndices, featureIndices, names);
    }

    private static int Find(CsvColumn column, string role, IReadOnlyList<string> names, bool hasHeader, int line, CsvErrors errors)
    {
        if (column.Name is null)
        {
            if (column.Index < names.Count)
            {
                return column.Index;
            }

            throw errors.At(line, null,
                $"{role} column index {CsvErrors.Number(column.Index)} does not exist: this line has {CsvErrors.Number(names.Count)} field(s) separated by {errors.Delimiter} (indices 0..{CsvErrors.Number(names.Count - 1)}). Choose an index in that range, or check the delimiter.");
        }

        if (!hasHeader)
        {
            throw errors.At(line, null,
                $"{role} column {column} is chosen by name but the file is read without a header (HasHeader = false). Choose it by 0-based index, or read the first line as a header.");
        }

        var matches = Enumerable.Range(0, names.Count).Where(index => names[index] == column.Name).ToArray();
        if (matches.Length == 1)
        {
            return matches[0];
        }

        if (matches.Length > 1)
        {
            throw errors.At(line, null,
                $"{role} column {column} is ambiguous: columns {string.Join(" and ", matches.Select(index => CsvErrors.Number(index + 1)))} of the header all have that name. Rename all but one, or choose by 0-based index.");
        }

        var similar = names.FirstOrDefault(name => string.Equals(name, column.Name, StringComparison.OrdinalIgnoreCase));
        var hint = similar is null ? string.Empty : $" Did you mean \"{similar}\" (names are case-sensitive)?";
        throw errors.At(line, null,
            $"{role} column {column} is not in the header, which has {CsvErrors.Number(names.Count)} column(s): {List(names)}.{hint} Name one of them, or check the delimiter (the header was split at {errors.Delimiter}).");
    }

    private static void CheckDistinct(int[] indices, string role, IReadOnlyList<string> names, int line, CsvErrors errors)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            if (Array.IndexOf(indices, indices[i]) != i)
            {
                throw errors.At(line, indices[i] + 1, $"this column is chosen twice as a {role}; name each {role} column once.");
            }
        }
    }

    // Fashion-MNIST as CSV has 785 columns: list a few, count the rest.
    private static string List(IReadOnlyList<string> names) =>
        names.Count <= 12
            ? string.Join(", ", names.Select(name => "\"" + name + "\""))
            : string.Join(", ", names.Take(10).Select(name => "\"" + name + "\"")) + $", ... ({CsvErrors.Number(names.Count - 10)} more)";
}
