using System.Globalization;

namespace SpectrumDsl.Data;

/// <summary>Field text to numbers, always in the invariant culture, with the field's position in every error.</summary>
internal static class CsvValues
{
    public static double Number(string line, CsvField field, int lineNumber, int index, CsvErrors errors)
    {
        var text = field.Span(line);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (double.IsFinite(value))
            {
                return value;
            }

            throw errors.At(lineNumber, index + 1,
                $"{CsvErrors.Quote(field.Text(line))} is not a finite number. Replace it with a finite value or drop the row.", field.Text(line));
        }

        CheckPresent(line, field, lineNumber, index, errors);
        var shown = field.Text(line);
        var comma = shown.Contains(',') ? " (',' is not a decimal point: numbers are read in the invariant culture)" : string.Empty;
        throw errors.At(lineNumber, index + 1,
            $"{CsvErrors.Quote(shown)} is not a number{comma}. Write numbers with '.' as the decimal point (1.5, -2e-3), or, if the column is not a feature (an id, a name, a date), leave it out with CsvOptions.Features, which lists the feature columns to read.",
            shown);
    }

    public static int ClassLabel(string line, CsvField field, int lineNumber, int index, CsvErrors errors)
    {
        if (int.TryParse(field.Span(line), NumberStyles.Integer, CultureInfo.InvariantCulture, out var label))
        {
            if (label >= 0)
            {
                return label;
            }
        }
        else
        {
            CheckPresent(line, field, lineNumber, index, errors);
        }

        var shown = field.Text(line);
        throw errors.At(lineNumber, index + 1,
            $"{CsvErrors.Quote(shown)} is not a class label: class labels are whole numbers 0, 1, 2 and so on. Map class names or other codes to 0..c-1 first, or read the column as a regression target with Csv.Read.",
            shown);
    }

    private static void CheckPresent(string line, CsvField field, int lineNumber, int index, CsvErrors errors)
    {
        if (field.Span(line).IsWhiteSpace())
        {
            throw errors.At(lineNumber, index + 1,
                "the value is missing (empty field). Every feature and label must be a number: fill it in or drop the row.", string.Empty);
        }
    }
}
