using System.CommandLine;
using SpectralBias;
using SpectrumDsl.Training;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// Rules between SpectralBias options see the defaults of options the user did not give
/// (--rank alone is checked against the default --samples, and the reverse).
/// </summary>
public class SpectralBiasCommandLineTests
{
    private static (ParseResult Parse, Settings? Settings) Parse(string arguments)
    {
        Settings? settings = null;
        var command = CommandLine.Build((given, _) =>
        {
            settings = given;
            return 0;
        });
        var parse = command.Parse(arguments);
        if (parse.Errors.Count == 0)
        {
            Assert.Equal(0, parse.Invoke());
        }

        return (parse, settings);
    }

    private static string Errors(ParseResult parse) => string.Join(" | ", parse.Errors.Select(error => error.Message));

    [Fact]
    public void A_rank_below_the_default_sample_count_is_accepted()
    {
        var (parse, settings) = Parse("--rank 21");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal(21, settings!.Rank);
        Assert.Equal(128, settings.Samples);
    }

    [Fact]
    public void A_sample_count_below_the_default_rank_is_refused()
    {
        var (parse, settings) = Parse("--samples 8");
        Assert.Null(settings);
        Assert.Equal(["the default --rank 17 exceeds --samples 8: k counts eigenvalues of the n x n Gram matrix; give --rank 8 or less, or --samples 17 or more."],
            parse.Errors.Select(error => error.Message));
    }

    [Fact]
    public void A_rank_above_a_given_sample_count_is_refused()
    {
        var (parse, _) = Parse("--samples 16 --rank 21");
        Assert.Contains("--rank 21 exceeds --samples 16", Errors(parse));
    }

    [Fact]
    public void A_sample_count_below_its_minimum_is_the_only_error()
    {
        // Before, the rank rule also compared the default --rank 17 with the invalid 4.
        var (parse, settings) = Parse("--samples 4");
        Assert.Null(settings);
        Assert.Equal(["--samples must be >= 8 but was 4."], parse.Errors.Select(error => error.Message));
    }

    [Theory]
    [InlineData("1,,2", "item 2 is empty")]
    [InlineData("1,2,", "item 3 is empty")]
    [InlineData("3,3", "3 is given twice")]
    [InlineData("1,two", "'two' is not an integer")]
    public void A_malformed_frequency_list_is_refused_naming_the_option_and_the_value(string value, string fault)
    {
        var (parse, settings) = Parse($"--frequencies {value}");
        Assert.Null(settings);
        Assert.Equal([$"--frequencies takes distinct integers >= 0 separated by commas (for example 1,2,3,4), not '{value}': {fault}."],
            parse.Errors.Select(error => error.Message));
    }

    [Fact]
    public void The_learning_rate_the_divergence_policy_and_verbose_reach_the_run()
    {
        var (parse, settings) = Parse("--learning-rate 0.002 --on-divergence throw --verbose");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal((0.002, DivergencePolicy.Throw, true), (settings!.LearningRate, settings.OnDivergence, settings.Verbose));
        var config = new Experiment(settings with { Samples = 16, TestPoints = 4 }).BaseConfig;
        Assert.Equal((0.002, DivergencePolicy.Throw), (config.LearningRate, config.OnDivergence));
        var (_, defaults) = Parse("");
        Assert.Equal((0.0, DivergencePolicy.Recover, false), (defaults!.LearningRate, defaults.OnDivergence, defaults.Verbose));
    }

    [Fact]
    public void Resume_without_a_checkpoint_folder_is_refused()
    {
        var (parse, _) = Parse("--resume");
        Assert.Contains("--resume needs --checkpoint", Errors(parse));
    }

    [Fact]
    public void No_options_give_the_declared_defaults()
    {
        var (parse, settings) = Parse("");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal(FlattenedNtk.Spec.Rank, settings!.Rank);
        Assert.Equal(FlattenedNtk.TrainerConfig.Width, settings.Width);
        Assert.Equal(128, settings.Samples);
    }

    [Fact]
    public void A_sample_count_that_is_not_a_number_is_named_instead_of_crashing_the_rank_rule()
    {
        var (parse, settings) = Parse("--samples abc --rank 21");
        Assert.Null(settings);
        Assert.Contains("Cannot parse argument 'abc' for option '--samples'", Errors(parse));
    }
}
