using SpectrumDsl.Data;
using SpectrumDsl.Tests.Reliability;

namespace SpectrumDsl.Tests.Data;

/// <summary>Every malformed file is refused with the file, the 1-based line and column, the text and what to do.</summary>
public class CsvErrorTests
{
    private static CsvFormatException Refused(string text, Action<string> read, out string path)
    {
        using var folder = new TempDirectory();
        path = CsvReadTests.Write(folder, "bad.csv", text);
        var file = path;
        var error = Assert.Throws<CsvFormatException>(() => read(file));
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path, error.Message);
        return error;
    }

    private static void AssertAt(CsvFormatException error, int line, int? column, string? name)
    {
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(name, error.ColumnName);
        Assert.Contains($"line {line}", error.Message);
        if (column is not null)
        {
            Assert.Contains($"column {column}", error.Message);
        }

        if (name is not null)
        {
            Assert.Contains($"(\"{name}\")", error.Message);
        }
    }

    [Fact]
    public void A_row_with_too_few_fields_names_the_line_the_expected_count_and_the_first_missing_column()
    {
        var error = Refused("a,b,y\n1,2,3\n4,5\n", path => Csv.Read(path, ["y"]), out _);
        AssertAt(error, 3, 3, "y");
        Assert.Contains("2 field(s) but the header (line 1) has 3", error.Message);
        Assert.Contains("missing or extra delimiter", error.Message);
    }

    [Fact]
    public void A_row_with_too_many_fields_names_the_first_extra_column()
    {
        var error = Refused("1\t2\n3\t4\t5\n", path => Csv.Read(path, [1], CsvOptions.Tsv with { HasHeader = false }), out _);
        AssertAt(error, 2, 3, null);
        Assert.Contains("3 field(s) but the first line (line 1) has 2", error.Message);
        Assert.Contains("separated by tab", error.Message);
    }

    [Fact]
    public void A_non_number_names_its_position_header_name_and_text_and_a_decimal_comma_is_explained()
    {
        var error = Refused("a;b;y\n1;2;3\n4;1,5;6\n", path => Csv.Read(path, ["y"], new CsvOptions { Delimiter = ';' }), out _);
        AssertAt(error, 3, 2, "b");
        Assert.Equal("1,5", error.Text);
        Assert.Contains("\"1,5\" is not a number (',' is not a decimal point", error.Message);
        Assert.Contains("'.' as the decimal point", error.Message);
    }

    [Fact]
    public void An_id_column_is_refused_with_the_option_that_leaves_it_out_and_that_option_reads_the_file()
    {
        const string text = "id,a,t\nrow0,1.5,2\nrow1,-1,3\n";
        var error = Refused(text, path => Csv.Read(path, ["t"]), out _);
        AssertAt(error, 2, 1, "id");
        Assert.Contains("CsvOptions.Features", error.Message);
        using var folder = new TempDirectory();
        var path = folder.File("with-id.csv");
        File.WriteAllText(path, text);
        var data = Csv.Read(path, ["t"], new CsvOptions { Features = ["a"] });
        Assert.Equal([1.5, -1.0], data.Features.Column(0).ToArray());
    }

    [Fact]
    public void An_empty_value_is_reported_as_missing()
    {
        var error = Refused("a,b,y\n1,2,3\n4, ,6\n", path => Csv.Read(path, ["y"]), out _);
        AssertAt(error, 3, 2, "b");
        Assert.Contains("value is missing", error.Message);
    }

    [Fact]
    public void A_missing_label_is_reported_like_a_missing_feature()
    {
        var error = Refused("a,label\n1,\n", path => Csv.ReadClasses(path, "label"), out _);
        AssertAt(error, 2, 2, "label");
        Assert.Contains("value is missing", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void A_non_finite_number_is_refused(string text)
    {
        var error = Refused($"a,y\n{text},1\n", path => Csv.Read(path, ["y"]), out _);
        AssertAt(error, 2, 1, "a");
        Assert.Contains($"\"{text}\" is not a finite number", error.Message);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_as_an_editor_does()
    {
        var error = Refused("a,y\n\n1,2\n\nx,4\n", path => Csv.Read(path, ["y"]), out _);
        AssertAt(error, 5, 1, "a");
    }

    [Fact]
    public void A_label_name_not_in_the_header_lists_the_columns_and_suggests_a_case_fix()
    {
        var error = Refused("x1,x2,Label\n1,2,3\n", path => Csv.ReadClasses(path, "label"), out _);
        AssertAt(error, 1, null, null);
        Assert.Contains("label column \"label\" is not in the header, which has 3 column(s): \"x1\", \"x2\", \"Label\"", error.Message);
        Assert.Contains("Did you mean \"Label\"", error.Message);
    }

    [Fact]
    public void A_label_index_beyond_the_line_names_the_valid_range()
    {
        var error = Refused("1,2,3\n", path => Csv.Read(path, [3], new CsvOptions { HasHeader = false }), out _);
        AssertAt(error, 1, null, null);
        Assert.Contains("label column index 3 does not exist: this line has 3 field(s) separated by ',' (indices 0..2)", error.Message);
    }

    [Fact]
    public void A_wrong_delimiter_shows_up_as_a_missing_label_column_with_a_hint()
    {
        var error = Refused("a\tb\ty\n1\t2\t3\n", path => Csv.Read(path, ["y"]), out _);
        Assert.Contains("1 column(s): \"a\tb\ty\"", error.Message);
        Assert.Contains("check the delimiter", error.Message);
    }

    [Fact]
    public void Choosing_by_name_without_a_header_is_refused()
    {
        var error = Refused("1,2\n", path => Csv.Read(path, ["y"], new CsvOptions { HasHeader = false }), out _);
        Assert.Contains("chosen by name but the file is read without a header", error.Message);
    }

    [Fact]
    public void A_column_chosen_as_label_and_feature_is_refused()
    {
        var error = Refused("a,b,y\n1,2,3\n", path => Csv.Read(path, ["y"], new CsvOptions { Features = ["a", "y"] }), out _);
        AssertAt(error, 1, 3, "y");
        Assert.Contains("both as a label and as a feature", error.Message);
    }

    [Fact]
    public void An_ambiguous_header_name_is_refused_naming_both_columns()
    {
        var error = Refused("a,y,y\n1,2,3\n", path => Csv.Read(path, ["y"]), out _);
        Assert.Contains("columns 2 and 3 of the header all have that name", error.Message);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("-1")]
    [InlineData("cat")]
    public void A_class_label_that_is_not_a_whole_number_from_zero_is_refused(string text)
    {
        var error = Refused($"a,class\n1,0\n2,{text}\n", path => Csv.ReadClasses(path, "class"), out _);
        AssertAt(error, 3, 2, "class");
        Assert.Equal(text, error.Text);
        Assert.Contains($"\"{text}\" is not a class label: class labels are whole numbers 0, 1, 2", error.Message);
    }

    [Fact]
    public void An_unclosed_quote_is_refused_at_its_field()
    {
        var error = Refused("a,y\n\"1.5,2\n", path => Csv.Read(path, ["y"]), out _);
        AssertAt(error, 2, 1, "a");
        Assert.Contains("quote opened here is not closed on this line", error.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_refused()
    {
        var error = Refused("a,y\n\"1\"5,2\n", path => Csv.Read(path, ["y"]), out _);
        AssertAt(error, 2, 1, "a");
        Assert.Contains("text after the closing quote", error.Message);
    }

    [Fact]
    public void A_header_without_data_and_an_empty_file_are_refused()
    {
        var headerOnly = Refused("a,y\n\n", path => Csv.Read(path, ["y"]), out _);
        Assert.Contains("has a header but no data lines", headerOnly.Message);
        AssertAt(headerOnly, 1, null, null);
        var empty = Refused("\n  \n", path => Csv.Read(path, ["y"]), out var emptyPath);
        Assert.Equal(0, empty.Line);
        Assert.StartsWith(emptyPath + ": the file has no lines (or only blank ones)", empty.Message);
    }

    [Fact]
    public void Option_mistakes_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => Csv.Read("unused.csv", []));
        Assert.Throws<ArgumentException>(() => Csv.Read("unused.csv", ["y"], new CsvOptions { Delimiter = '"' }));
        Assert.Throws<ArgumentException>(() => Csv.Read("unused.csv", ["y"], new CsvOptions { Features = [] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvColumn.At(-1));
        Assert.Throws<ArgumentException>(() => CsvColumn.Named("  "));
    }
}
