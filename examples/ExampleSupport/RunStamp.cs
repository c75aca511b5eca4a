using System.Diagnostics;
using System.Globalization;

namespace SpectrumDsl.Examples;

/// <summary>
/// Where a report's numbers came from, written into every example's report.json as "run": the command that
/// repeats the run, the commit the example was built from (and whether tracked files differed from it), the
/// machine, the process's wall time and the UTC date. docs/results pages print it above the tables, so a
/// number there can always be traced to a command and a commit.
/// </summary>
/// <param name="Command">The example's command line as run from the repository root.</param>
/// <param name="Commit">The checkout's HEAD, or null when git or the repository is not at hand.</param>
/// <param name="LocalChanges">True when tracked files differed from <paramref name="Commit"/> (null when unknown).</param>
/// <param name="Machine">CPU, cores, vector width, measured GEMM rate and load average.</param>
/// <param name="WallSeconds">The example process's wall time up to the report (the build by dotnet run not included).</param>
/// <param name="Date">The UTC date the report was written, yyyy-MM-dd.</param>
public sealed record RunStamp(string Command, string? Commit, bool? LocalChanges, MachineStamp Machine, double WallSeconds, string Date)
{
    /// <summary>Stamps a run of <c>examples/<paramref name="project"/></c> with this process's arguments.</summary>
    public static RunStamp Capture(string project)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(project);
        using var self = Process.GetCurrentProcess();
        var wall = (DateTime.Now - self.StartTime).TotalSeconds;
        var folder = AppContext.BaseDirectory;
        var commit = Git(folder, "rev-parse HEAD");
        bool? changed = commit is null ? null : Git(folder, "status --porcelain --untracked-files=no") is { } status ? status.Length > 0 : null;
        return new RunStamp(CommandLine(project, Environment.GetCommandLineArgs().Skip(1)), commit, changed, MachineStamp.Measure(), wall,
            DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// <c>dotnet run -c Release --project examples/NAME -- ARGS</c>, each argument quoted for a POSIX shell when it
    /// holds anything but letters, digits and <c>-_.,/=:+</c>.
    /// </summary>
    public static string CommandLine(string project, IEnumerable<string> arguments)
    {
        var quoted = arguments.Select(Quote).ToArray();
        var command = $"dotnet run -c Release --project examples/{project}";
        return quoted.Length == 0 ? command : $"{command} -- {string.Join(' ', quoted)}";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,/=:+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // The output of `git ARGUMENTS` run in folder, trimmed, or null when git is missing, fails or takes over 10 s.
    private static string? Git(string folder, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{folder}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(10_000))
            {
                git.Kill();
                return null;
            }

            return git.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
