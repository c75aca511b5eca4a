using System.CommandLine;

namespace SpectrumDsl.Examples.Tests;

/// <summary><see cref="CommandLineOptions.AddRule"/>, the options' own rules and the lists: what a rule between options reads and what the user is told.</summary>
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

    [Fact]
    public void A_value_that_breaks_its_own_rule_skips_the_rules_that_read_it()
    {
        // The rule would blame --limit, which the user never gave, for the bad --count.
        var count = CommandLineOptions.AtLeast("--count", 5, 1, "A count.");
        var limit = CommandLineOptions.AtLeast("--limit", 3, 1, "A limit.");
        var command = new RootCommand("test") { count, limit };
        var compared = false;
        CommandLineOptions.AddRule(command, values =>
        {
            var (l, c) = (values.Get(limit), values.Get(count));
            compared = true;
            if (l > c)
            {
                values.AddError($"{values.Named(limit)} exceeds {values.Named(count)}.");
            }
        });
        var parse = command.Parse("--count -5");
        Assert.False(compared);
        Assert.Equal(["--count must be >= 1 but was -5."], parse.Errors.Select(error => error.Message));
        // A valid value below the default limit still breaks the rule, which says the limit is the default.
        Assert.Equal(["the default --limit 3 exceeds --count 2."], command.Parse("--count 2").Errors.Select(error => error.Message));
        Assert.Equal(["--limit 4 exceeds --count 2."], command.Parse("--count 2 --limit 4").Errors.Select(error => error.Message));
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

    [Theory]
    [InlineData("1,,2", "item 2 is empty")]
    [InlineData("1,2,", "item 3 is empty")]
    [InlineData(",1", "item 1 is empty")]
    [InlineData(",", "item 1 is empty")]
    [InlineData(" ", "the list is empty")]
    [InlineData("1;2", "'1;2' is not an integer")]
    [InlineData("1,x", "'x' is not an integer")]
    [InlineData("1,-1", "-1 is below 0")]
    [InlineData("2,3,2", "2 is given twice")]
    public void A_malformed_integer_list_is_refused_naming_the_option_the_value_and_the_item(string value, string fault)
    {
        var command = new RootCommand("test") { CommandLineOptions.IntegerList("--degrees", "1,2", 0, "Degrees.") };
        var errors = command.Parse(["--degrees", value]).Errors.Select(error => error.Message).ToArray();
        Assert.Equal([$"--degrees takes distinct integers >= 0 separated by commas (for example 1,2), not '{value}': {fault}."], errors);
        Assert.Null(CommandLineOptions.ParseIntegers(value, 0));
    }

    [Fact]
    public void A_well_formed_integer_list_is_read_in_order_with_spaces_around_items()
    {
        var command = new RootCommand("test") { CommandLineOptions.IntegerList("--degrees", "1,2", 0, "Degrees.") };
        Assert.Empty(command.Parse(["--degrees", " 4, 0 ,2"]).Errors);
        Assert.Equal([4, 0, 2], CommandLineOptions.ParseIntegers(" 4, 0 ,2", 0)!);
    }

    [Fact]
    public void A_choice_names_its_alternatives_and_ignores_case()
    {
        var command = new RootCommand("test") { CommandLineOptions.Choice("--path", "auto", ["auto", "exact", "nystrom"], "A path.") };
        Assert.Equal(["--path takes auto, exact or nystrom, not 'fast'."], command.Parse("--path fast").Errors.Select(error => error.Message));
        Assert.Empty(command.Parse("--path Exact").Errors);
    }
}
