using System.CommandLine;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// <see cref="CommandLineRun"/>: a broken rule prints that rule and one line pointing to --help, never the whole
/// help text; a valid line runs the action. Checked on the examples' own command lines, in-process.
/// </summary>
public class CommandLineRunTests
{
    private static (int Code, string[] Errors, string Output, bool Ran) Run(Func<Action, RootCommand> build, params string[] args)
    {
        var ran = false;
        var command = build(() => ran = true);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CommandLineRun.Invoke(command, args, output, error);
        return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), output.ToString(), ran);
    }

    private static RootCommand Fashion(Action ran) => FashionMnist.CommandLine.Build((_, _) =>
    {
        ran();
        return 0;
    });

    private static RootCommand SpectralBias(Action ran) => global::SpectralBias.CommandLine.Build((_, _) =>
    {
        ran();
        return 0;
    });

    [Fact]
    public void A_bad_value_prints_its_rule_and_one_line_pointing_to_help()
    {
        var (code, errors, output, ran) = Run(Fashion, "--train", "-5");
        Assert.Equal(CommandLineRun.UsageError, code);
        Assert.False(ran);
        Assert.Equal(["error: --train must be between 2 and 60000 but was -5.", CommandLineRun.HelpHint], errors);
        Assert.Equal("", output);
    }

    [Fact]
    public void An_empty_list_item_prints_the_option_and_the_value()
    {
        var (code, errors, _, ran) = Run(SpectralBias, "--frequencies", "1,,2");
        Assert.Equal(CommandLineRun.UsageError, code);
        Assert.False(ran);
        Assert.Equal(["error: --frequencies takes distinct integers >= 0 separated by commas (for example 1,2,3,4), not '1,,2': item 2 is empty.",
            CommandLineRun.HelpHint], errors);
    }

    [Fact]
    public void A_mistyped_option_is_named_with_the_option_meant()
    {
        var (code, errors, _, _) = Run(Fashion, "--trian", "500");
        Assert.Equal(CommandLineRun.UsageError, code);
        Assert.Contains("'--trian' is not an option; did you mean --train?", errors);
        Assert.Equal(CommandLineRun.HelpHint, errors[^1]);
        // The help text lists every option under "Options:"; none of it is printed.
        Assert.DoesNotContain(errors, line => line.StartsWith("--rank", StringComparison.Ordinal) || line == "Options:");
    }

    [Fact]
    public void Help_is_printed_when_asked_for()
    {
        var (code, errors, output, ran) = Run(SpectralBias, "--help");
        Assert.Equal(0, code);
        Assert.False(ran);
        Assert.Empty(errors);
        Assert.Contains("--learning-rate", output);
        Assert.Contains("--on-divergence <recover|throw>", output);
    }

    [Fact]
    public void A_valid_line_runs_the_action()
    {
        var (code, errors, _, ran) = Run(SpectralBias, "--frequencies", "1, 3");
        Assert.Equal(0, code);
        Assert.True(ran);
        Assert.Empty(errors);
    }
}
