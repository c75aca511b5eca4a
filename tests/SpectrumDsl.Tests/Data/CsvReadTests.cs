using System.Globalization;
using SpectrumDsl.Data;
using SpectrumDsl.Tests.Reliability;

namespace SpectrumDsl.Tests.Data;

/// <summary>What a well-formed file reads as: exact values (bit for bit), names, layouts, quoting, cultures.</summary>
public class CsvReadTests
{
    // Values chosen so that decimal text has no exact binary form (0.1, 1e-7) and signs and exponents appear.
    private const string Table = "x1,x2,y\n0.1,-2.5e-3,7\n1e-7,3,-0.25\n-42,0.5,1E2\n";

    [Fact]
    public void Comma_separated_with_header_reads_features_targets_and_names_exactly()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "table.csv", Table);

        var data = Csv.Read(path, labels: ["y"]);

        Assert.Equal(["x1", "x2"], data.FeatureNames);
        Assert.Equal(["y"], data.TargetNames);
        Assert.Equal(3, data.Count);
        // Exact: the reader must produce the same double as the invariant parse of the text.
        Assert.Equal(new[,] { { 0.1, -2.5e-3 }, { 1e-7, 3 }, { -42, 0.5 } }, data.Features.ToArray());
        Assert.Equal(new[,] { { 7.0 }, { -0.25 }, { 100.0 } }, data.Targets.ToArray());
    }

    [Fact]
    public void Tab_separated_without_header_chooses_labels_and_features_by_index_in_the_order_given()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "table.tsv", "1\t2\t3\t4\n5\t6\t7\t8\n");

        var data = Csv.Read(path, labels: [3, 0], CsvOptions.Tsv with { HasHeader = false, Features = [2, 1] });

        Assert.Equal(new[,] { { 3.0, 2.0 }, { 7.0, 6.0 } }, data.Features.ToArray());
        Assert.Equal(new[,] { { 4.0, 1.0 }, { 8.0, 5.0 } }, data.Targets.ToArray());
        Assert.Equal(["2", "1"], data.FeatureNames);
        Assert.Equal(["3", "0"], data.TargetNames);
    }

    [Fact]
    public void A_chosen_delimiter_and_unselected_text_columns_are_supported()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "semicolon.csv", "id;a;b;class\nfirst;1.5;2;1\nsecond;-1;0;0\n");

        var data = Csv.ReadClasses(path, "class", new CsvOptions { Delimiter = ';', Features = ["a", "b"] });

        Assert.Equal(new[,] { { 1.5, 2.0 }, { -1.0, 0.0 } }, data.Features.ToArray());
        Assert.Equal([1, 0], data.Labels);
        Assert.Equal(2, data.ClassCount);
    }

    [Fact]
    public void Quoted_fields_may_hold_the_delimiter_and_doubled_quotes()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "quoted.csv", "\"width, cm\",\"say \"\"hi\"\"\",label\n\"1.25\", \"-3\" ,\"2\"\n4,5,0\n");

        var data = Csv.ReadClasses(path, "label");

        Assert.Equal(["width, cm", "say \"hi\""], data.FeatureNames);
        Assert.Equal(new[,] { { 1.25, -3.0 }, { 4.0, 5.0 } }, data.Features.ToArray());
        Assert.Equal([2, 0], data.Labels);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_windows_line_ends_are_accepted()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "crlf.csv", "a,y\r\n\r\n1,2\r\n   \r\n3,4\r\n\r\n");

        var data = Csv.Read(path, labels: ["y"]);

        Assert.Equal(new[,] { { 1.0 }, { 3.0 } }, data.Features.ToArray());
        Assert.Equal(new[,] { { 2.0 }, { 4.0 } }, data.Targets.ToArray());
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("de-DE")]
    public void Numbers_read_the_same_bits_whatever_the_current_culture(string culture)
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "table.csv", Table);
        var reference = Csv.Read(path, labels: ["y"]);

        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            // The culture really is in force, with ',' as its decimal point (not invariant-globalization mode).
            Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);
            var local = Csv.Read(path, labels: ["y"]);

            Assert.Equal(Bits(reference.Features.ToColumnMajorArray()), Bits(local.Features.ToColumnMajorArray()));
            Assert.Equal(Bits(reference.Targets.ToColumnMajorArray()), Bits(local.Targets.ToColumnMajorArray()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    internal static string Write(TempDirectory folder, string name, string text)
    {
        var path = folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static long[] Bits(double[] values) => Array.ConvertAll(values, BitConverter.DoubleToInt64Bits);
}
