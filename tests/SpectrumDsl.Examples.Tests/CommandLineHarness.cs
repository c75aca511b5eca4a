using System.CommandLine;

namespace SpectrumDsl.Examples.Tests;

/// <summary>Parses an example's command line in-process: the settings its action would receive, or the parse errors.</summary>
internal static class CommandLineHarness
{
    public static (ParseResult Parse, TSettings? Settings) Parse<TSettings>(Func<Func<TSettings, CancellationToken, int>, RootCommand> build, string arguments)
        where TSettings : class
    {
        TSettings? settings = null;
        var command = build((given, _) =>
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

    public static string Errors(ParseResult parse) => string.Join(" | ", parse.Errors.Select(error => error.Message));
}
