using System.CommandLine;
using System.CommandLine.Invocation;

namespace SpectrumDsl.Examples;

/// <summary>
/// How every example runs its command line: a mistake prints the broken rules, one a line, and where to find
/// the options, instead of the whole help; a valid line runs the action.
/// </summary>
public static class CommandLineRun
{
    /// <summary>The line that follows the errors.</summary>
    public const string HelpHint = "Run with --help for the options.";

    /// <summary>The exit code of a command line with errors.</summary>
    public const int UsageError = 1;

    /// <summary>
    /// Parses <paramref name="args"/> and runs the action, or writes each error (and, for a mistyped option,
    /// the option meant) and <see cref="HelpHint"/> to <paramref name="error"/> and returns <see cref="UsageError"/>.
    /// </summary>
    public static int Invoke(RootCommand command, IReadOnlyList<string> args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var message in parse.Errors.Select(e => e.Message).Distinct())
            {
                error.WriteLine($"error: {message}");
            }

            foreach (var token in parse.UnmatchedTokens.Where(token => token.StartsWith('-')))
            {
                if (Closest(command, token) is { } meant)
                {
                    error.WriteLine($"'{token}' is not an option; did you mean {meant}?");
                }
            }

            error.WriteLine(HelpHint);
            return UsageError;
        }

        // The examples stop on Ctrl+C and SIGTERM themselves (StopSignal): no forced exit by the parser.
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }

    /// <summary>The option name nearest <paramref name="token"/> (at most two edits away), or null.</summary>
    private static string? Closest(Command command, string token)
    {
        var names = command.Options.SelectMany(option => option.Aliases.Prepend(option.Name)).Where(name => name.StartsWith("--", StringComparison.Ordinal));
        return names.Select(name => (name, distance: Distance(name, token))).Where(c => c.distance <= 2).OrderBy(c => c.distance).Select(c => c.name).FirstOrDefault();
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
