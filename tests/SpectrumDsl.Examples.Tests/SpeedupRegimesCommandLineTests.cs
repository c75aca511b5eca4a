using System.CommandLine;
using SpectrumDsl;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;
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
    [InlineData("tanh", "'tanh' is not an activation")]
    [InlineData(",", "item 1 is empty")]
    [InlineData("relu,,erf", "item 2 is empty")]
    [InlineData("relu,", "item 2 is empty")]
    [InlineData("relu,sigmoid", "'sigmoid' is not an activation")]
    public void A_malformed_activation_list_is_named_with_the_choices_and_the_fault(string value, string fault)
    {
        var (parse, settings) = Parse($"--activations {value}");
        Assert.Null(settings);
        Assert.Equal([$"--activations takes relu and erf separated by commas (for example relu,erf), not '{value}': {fault}."],
            parse.Errors.Select(error => error.Message));
    }

    [Fact]
    public void The_learning_rate_and_the_divergence_policy_reach_every_degree()
    {
        var (parse, settings) = Parse("--learning-rate 0.01 --on-divergence throw");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        var config = new Experiment(settings!).Config(new NetworkArchitecture(Activation.Erf, 1, 1.0), degree: 2);
        Assert.Equal((0.01, DivergencePolicy.Throw, 5), (config.LearningRate, config.OnDivergence, config.Rank));
    }

    [Fact]
    public void A_max_degree_whose_rank_exceeds_the_default_samples_is_refused_with_the_fix()
    {
        var (parse, settings) = Parse("--max-degree 40");
        Assert.Null(settings);
        Assert.Contains("--max-degree 40 flattens k = 81 eigenvalues, more than the default --samples 64", Errors(parse));
        Assert.Contains("give --samples 81 or more, or --max-degree 31 or less", Errors(parse));
    }

    [Theory]
    [InlineData("--tolerance 1", "--tolerance must lie strictly between 0 and 1 but was 1.")]
    [InlineData("--max-degree 0", "--max-degree must be >= 1 but was 0.")]
    [InlineData("--width 0", "--width must be >= 1 but was 0.")]
    [InlineData("--samples 4 --max-degree 1", "--samples must be >= 8 but was 4.")]
    [InlineData("--samples 4", "--samples must be >= 8 but was 4.")]
    [InlineData("--max-degree -2", "--max-degree must be >= 1 but was -2.")]
    [InlineData("--max-steps 0", "--max-steps must be >= 1 but was 0.")]
    public void Out_of_range_values_name_the_option_the_value_and_the_rule_and_nothing_else(string arguments, string message)
    {
        var (parse, settings) = Parse(arguments);
        Assert.Null(settings);
        Assert.Equal([message], parse.Errors.Select(error => error.Message));
    }
}
