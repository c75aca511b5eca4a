using System.CommandLine;

namespace SpectrumDsl.Examples.Tests;

/// <summary><see cref="CommandLineOptions.AddRule"/>: what a rule between options reads.</summary>
public class OptionRuleTests
{
    private sealed record Seen(int Count, bool Flag, string? Folder);

    private static (ParseResult Parse, Seen? Seen) Parse(string arguments)
    {
        var count = CommandLineOptions.AtLeast("--count", 5, 1, "A count with a default.");
        var flag = new Option<bool>("--flag");
        var folder = new Option<string?>("--folder");
        var command = new RootCommand("test") { count, flag, folder };
        Seen? seen = null;
        CommandLineOptions.AddRule(command, values => seen = new Seen(values.Get(count), values.Get(flag), values.Get(folder)));
        command.SetAction(_ => 0);
        return (command.Parse(arguments), seen);
    }

    [Fact]
    public void An_option_not_given_is_read_as_its_default()
    {
        var (parse, seen) = Parse("");
        Assert.Empty(parse.Errors);
        Assert.Equal(new Seen(5, false, null), seen);
    }

    [Fact]
    public void A_given_option_is_read_as_typed()
    {
        var (parse, seen) = Parse("--count 7 --flag --folder out");
        Assert.Empty(parse.Errors);
        Assert.Equal(new Seen(7, true, "out"), seen);
    }

    [Fact]
    public void Text_that_does_not_convert_skips_the_rule_and_the_parser_names_the_option()
    {
        var (parse, seen) = Parse("--count abc");
        Assert.Null(seen);
        Assert.Contains(parse.Errors, error => error.Message.Contains("'abc'", StringComparison.Ordinal)
            && error.Message.Contains("--count", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("--count 5", true)]
    [InlineData("--count 7", true)]
    public void IsGiven_tells_a_typed_option_from_its_default(string arguments, bool given)
    {
        var count = CommandLineOptions.AtLeast("--count", 5, 1, "A count with a default.");
        var command = new RootCommand("test") { count };
        bool? seen = null;
        CommandLineOptions.AddRule(command, values => seen = values.IsGiven(count));
        command.SetAction(_ => 0);
        Assert.Empty(command.Parse(arguments).Errors);
        Assert.Equal(given, seen);
    }

    [Theory]
    [InlineData("--count 0", "--count must be between 1 and 9 but was 0.")]
    [InlineData("--count 10", "--count must be between 1 and 9 but was 10.")]
    public void Between_names_the_option_its_bounds_and_the_value(string arguments, string message)
    {
        var command = new RootCommand("test") { CommandLineOptions.Between("--count", 5, 1, 9, "A bounded count.") };
        Assert.Contains(command.Parse(arguments).Errors, error => error.Message == message);
        Assert.Empty(command.Parse("--count 9").Errors);
    }
}
