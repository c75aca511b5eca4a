using System.CommandLine;
using KernelDesign;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// KernelDesign's rule "every --samples count is at least --rank" sees the default of whichever
/// option the user did not give.
/// </summary>
public class KernelDesignCommandLineTests
{
    private static (ParseResult Parse, Settings? Settings) Parse(string arguments)
    {
        Settings? settings = null;
        var parse = CommandLine.Build(given =>
        {
            settings = given;
            return 0;
        }).Parse(arguments);
        if (parse.Errors.Count == 0)
        {
            Assert.Equal(0, parse.Invoke());
        }

        return (parse, settings);
    }

    private static string Errors(ParseResult parse) => string.Join(" | ", parse.Errors.Select(error => error.Message));

    [Fact]
    public void A_rank_above_the_smallest_default_sample_count_is_refused()
    {
        // The default counts are 250,500,1000,2000,4000.
        var (parse, settings) = Parse("--rank 301");
        Assert.Null(settings);
        Assert.Contains("every --samples count must be at least --rank 301, but the default --samples 250,500,1000,2000,4000 has 250", Errors(parse));
    }

    [Fact]
    public void Sample_counts_above_the_default_rank_are_accepted()
    {
        var (parse, settings) = Parse("--samples 20,40");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal([20, 40], settings!.Samples);
        Assert.Equal(9, settings.Rank);
    }

    [Fact]
    public void A_given_sample_count_below_a_given_rank_is_refused()
    {
        var (parse, _) = Parse("--samples 30,40 --rank 35");
        Assert.Contains("every --samples count must be at least --rank 35, but --samples 30,40 has 30", Errors(parse));
    }

    [Theory]
    [InlineData("--samples 250,,500", "--samples takes distinct integers >= 20 separated by commas (for example 250,500,1000,2000,4000), not '250,,500': item 2 is empty.")]
    [InlineData("--samples 10,500 --rank 5", "--samples takes distinct integers >= 20 separated by commas (for example 250,500,1000,2000,4000), not '10,500': 10 is below 20.")]
    [InlineData("--rank 0 --samples 30", "--rank must be >= 1 but was 0.")]
    public void A_malformed_value_is_the_only_error(string arguments, string message)
    {
        var (parse, settings) = Parse(arguments);
        Assert.Null(settings);
        Assert.Equal([message], parse.Errors.Select(error => error.Message));
    }
}
