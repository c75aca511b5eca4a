using System.CommandLine;
using SpectrumDsl.Kernels;
using SpeedupRegimes;

namespace SpectrumDsl.Examples.Tests;

/// <summary>SpeedupRegimes' options: defaults, the activation list, and the rank rule against --samples.</summary>
public class SpeedupRegimesCommandLineTests
{
    private static (ParseResult Parse, Settings? Settings) Parse(string arguments) =>
        CommandLineHarness.Parse<Settings>(SpeedupRegimes.CommandLine.Build, arguments);

    private static string Errors(ParseResult parse) => CommandLineHarness.Errors(parse);

    [Fact]
    public void No_options_compare_relu_and_erf_up_to_degree_six()
    {
        var (parse, settings) = Parse("");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal([Activation.Relu, Activation.Erf], settings!.Activations);
        Assert.Equal(6, settings.MaxDegree);
        Assert.Equal(64, settings.Samples);
    }

    [Fact]
    public void Activations_are_case_insensitive_and_listed_once()
    {
        var (parse, settings) = Parse("--activations Erf,relu,erf");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal([Activation.Erf, Activation.Relu], settings!.Activations);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData(",")]
    [InlineData("relu,sigmoid")]
    public void An_unknown_activation_is_named_with_the_choices(string value)
    {
        var (parse, settings) = Parse($"--activations {value}");
        Assert.Null(settings);
        Assert.Contains($"--activations takes relu and erf separated by commas (for example relu,erf), not '{value}'", Errors(parse));
    }

    [Fact]
    public void A_max_degree_whose_rank_exceeds_the_default_samples_is_refused_with_the_fix()
    {
        var (parse, settings) = Parse("--max-degree 40");
        Assert.Null(settings);
        Assert.Contains("--max-degree 40 flattens k = 81 eigenvalues, more than --samples 64", Errors(parse));
        Assert.Contains("give --samples 81 or more", Errors(parse));
    }

    [Theory]
    [InlineData("--tolerance 1", "--tolerance must lie strictly between 0 and 1 but was 1.")]
    [InlineData("--max-degree 0", "--max-degree must be >= 1 but was 0.")]
    [InlineData("--width 0", "--width must be >= 1 but was 0.")]
    [InlineData("--samples 4 --max-degree 1", "--samples must be >= 8 but was 4.")]
    [InlineData("--max-steps 0", "--max-steps must be >= 1 but was 0.")]
    public void Out_of_range_values_name_the_option_the_value_and_the_rule(string arguments, string message)
    {
        var (parse, settings) = Parse(arguments);
        Assert.Null(settings);
        Assert.Contains(message, Errors(parse));
    }
}
