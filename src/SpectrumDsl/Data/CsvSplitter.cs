namespace SpectrumDsl.Data;

/// <summary>A field's place in its line: the text between the delimiters, or inside the quotes.</summary>
internal readonly record struct CsvField(int Start, int Length, bool Quoted)
{
    public ReadOnlySpan<char> Span(string line) => line.AsSpan(Start, Length);

    /// <summary>The field's text, with a quoted field's doubled quotes undone.</summary>
    public string Text(string line)
    {
        var text = line.Substring(Start, Length);
        return Quoted ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text.Trim();
    }
}

/// <summary>
/// Splits one line into fields (RFC 4180 quoting within a line). Fields are positions into the line,
/// not new strings, so a million-cell file allocates one string per line.
/// </summary>
internal static class CsvSplitter
{
    public static void Split(string line, int lineNumber, CsvOptions options, CsvErrors errors, List<CsvField> fields)
    {
        fields.Clear();
        var delimiter = options.Delimiter;
        var position = 0;
        while (true)
        {
            var column = fields.Count + 1;
            var start = SkipPadding(line, position, delimiter);
            if (options.AllowQuotes && start < line.Length && line[start] == '"')
            {
                var close = ClosingQuote(line, start + 1);
                if (close < 0)
                {
                    throw errors.At(lineNumber, column,
                        $"the quote opened here is not closed on this line ({CsvErrors.Quote(line[start..])}). Close it; a quoted field cannot span lines.",
                        line[start..]);
                }

                fields.Add(new CsvField(start + 1, close - start - 1, Quoted: true));
                var after = SkipPadding(line, close + 1, delimiter);
                if (after == line.Length)
                {
                    return;
                }

                if (line[after] != delimiter)
                {
                    throw errors.At(lineNumber, column,
                        $"text after the closing quote ({CsvErrors.Quote(line[start..])}); a quoted field must be followed by the delimiter {errors.Delimiter} or the end of the line. Double a quote (\"\") to put it inside the field.",
                        line[start..]);
                }

                position = after + 1;
            }
            else
            {
                var next = line.IndexOf(delimiter, position);
                var end = next < 0 ? line.Length : next;
                fields.Add(new CsvField(position, end - position, Quoted: false));
                if (next < 0)
                {
                    return;
                }

                position = next + 1;
            }
        }
    }

    // Spaces and tabs around a quoted field are layout, unless one of them is the delimiter.
    private static int SkipPadding(string line, int position, char delimiter)
    {
        while (position < line.Length && (line[position] == ' ' || line[position] == '\t') && line[position] != delimiter)
        {
            position++;
        }

        return position;
    }

    private static int ClosingQuote(string line, int from)
    {
        while (true)
        {
            var quote = line.IndexOf('"', from);
            if (quote < 0 || quote + 1 >= line.Length || line[quote + 1] != '"')
            {
                return quote;
            }

            from = quote + 2;
        }
    }
}
