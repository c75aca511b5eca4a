using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// Reads numeric CSV/TSV files: one point per line, the chosen label column(s) as targets, the other
/// (or the chosen) columns as features. Numbers are read in the invariant culture whatever
/// <see cref="System.Globalization.CultureInfo.CurrentCulture"/> is. Every problem is a
/// <see cref="CsvFormatException"/> naming the file, the 1-based line and column, the column's header
/// name, the offending text and the fix. Blank lines are skipped.
/// </summary>
/// <remarks>
/// A small parser of our own rather than CsvHelper: the package ships with MathNet.Numerics as its
/// only dependency, and the errors must point at the exact line and field (and say which header name
/// that is), which is simplest when we own the loop that walks the lines. Numeric data needs only
/// RFC 4180 quoting within a line, about a hundred lines here.
/// </remarks>
public static class Csv
{
    /// <summary>
    /// Reads a data set with real-valued targets: <see cref="RegressionData.Targets"/> holds the
    /// <paramref name="labels"/> columns in the order given (n x c), <see cref="RegressionData.Features"/>
    /// the feature columns (n x d).
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="labels">The target column(s), by header name or 0-based index; at least one.</param>
    /// <param name="options">Delimiter, header, feature selection and quoting (default: comma-separated with a header).</param>
    public static RegressionData Read(string path, IReadOnlyList<CsvColumn> labels, CsvOptions? options = null)
    {
        Guard.NotNull(labels, nameof(labels));
        if (labels.Count == 0)
        {
            throw new ArgumentException("labels must name at least one target column (by header name or 0-based index).", nameof(labels));
        }

        var table = ReadTable(path, labels, options, classes: false);
        var targetNames = table.Layout.Labels.Select(index => table.Layout.Names[index]).ToArray();
        return new RegressionData(table.Features, ColumnMajor.FromRowMajor<double>(CollectionsMarshal.AsSpan(table.Targets), table.Rows, labels.Count),
            table.FeatureNames, targetNames);
    }

    /// <summary>
    /// Reads a classification data set: the <paramref name="label"/> column holds whole-number class
    /// labels 0, 1, 2, ... (<see cref="ClassData.Labels"/>), the feature columns become
    /// <see cref="ClassData.Features"/> (n x d).
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="label">The class-label column, by header name or 0-based index.</param>
    /// <param name="options">Delimiter, header, feature selection and quoting (default: comma-separated with a header).</param>
    public static ClassData ReadClasses(string path, CsvColumn label, CsvOptions? options = null)
    {
        Guard.NotNull(label, nameof(label));
        var table = ReadTable(path, [label], options, classes: true);
        return new ClassData(table.Features, table.Classes, table.FeatureNames);
    }

    private sealed record Table(CsvLayout Layout, int Rows, Matrix<double> Features, string[] FeatureNames, List<double> Targets, List<int> Classes);

    private static Table ReadTable(string path, IReadOnlyList<CsvColumn> labels, CsvOptions? options, bool classes)
    {
        Guard.NotNull(path, nameof(path));
        options ??= new CsvOptions();
        CheckOptions(options);
        var errors = new CsvErrors(path, options.Delimiter);
        var fields = new List<CsvField>();
        var features = new List<double>();
        var targets = new List<double>();
        var classLabels = new List<int>();
        CsvLayout? layout = null;
        var layoutLine = 0;
        var lineNumber = 0;
        var rows = 0;

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            CsvSplitter.Split(line, lineNumber, options, errors, fields);
            if (layout is null)
            {
                layoutLine = lineNumber;
                var names = options.HasHeader
                    ? fields.Select(field => field.Text(line)).ToArray()
                    : Enumerable.Range(0, fields.Count).Select(CsvErrors.Number).ToArray();
                errors.Names = options.HasHeader ? names : null;
                layout = CsvLayout.Resolve(names, options.HasHeader, lineNumber, labels, options.Features, errors);
                if (options.HasHeader)
                {
                    continue;
                }
            }

            CheckFieldCount(fields.Count, layout.FieldCount, lineNumber, layoutLine, options.HasHeader, errors);
            foreach (var index in layout.Features)
            {
                features.Add(CsvValues.Number(line, fields[index], lineNumber, index, errors));
            }

            foreach (var index in layout.Labels)
            {
                if (classes)
                {
                    classLabels.Add(CsvValues.ClassLabel(line, fields[index], lineNumber, index, errors));
                }
                else
                {
                    targets.Add(CsvValues.Number(line, fields[index], lineNumber, index, errors));
                }
            }

            rows++;
        }

        if (layout is null || rows == 0)
        {
            // An empty file has no line to point at (line 0); a header-only one points at its header.
            throw errors.At(layout is null ? 0 : layoutLine, null, layout is null
                ? "the file has no lines (or only blank ones). A data set needs at least one data line."
                : "the file has a header but no data lines. A data set needs at least one point (or read it with HasHeader = false if the first line is data).");
        }

        var featureNames = layout.Features.Select(index => layout.Names[index]).ToArray();
        return new Table(layout, rows, ColumnMajor.FromRowMajor<double>(CollectionsMarshal.AsSpan(features), rows, layout.Features.Length),
            featureNames, targets, classLabels);
    }

    private static void CheckFieldCount(int found, int expected, int line, int firstLine, bool hasHeader, CsvErrors errors)
    {
        if (found == expected)
        {
            return;
        }

        var first = hasHeader ? "the header" : "the first line";
        throw errors.At(line, Math.Min(found, expected) + 1,
            $"{CsvErrors.Number(found)} field(s) but {first} (line {CsvErrors.Number(firstLine)}) has {CsvErrors.Number(expected)}; every line needs {CsvErrors.Number(expected)} fields separated by {errors.Delimiter}. Look for a missing or extra delimiter here (a delimiter inside a value must be quoted).");
    }

    private static void CheckOptions(CsvOptions options)
    {
        if (options.Delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException(
                $"options.Delimiter must not be a quote or a line break but is U+{(int)options.Delimiter:X4}; use ',', ';', '\\t' or another separator.",
                nameof(options));
        }

        if (options.Features is { Count: 0 })
        {
            throw new ArgumentException("options.Features must name at least one column, or be null for every column that is not a label.", nameof(options));
        }
    }
}
