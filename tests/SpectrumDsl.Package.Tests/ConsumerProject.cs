using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace SpectrumDsl.Package.Tests;

/// <summary>
/// A fresh project in a temporary folder, consuming the packages the way a user does: its own
/// nuget.config (the <see cref="LocalFeed"/> plus nuget.org for the dependencies) and its own
/// NUGET_PACKAGES, so a stale cached package of the same version can never be used. Deleted on dispose.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);
    private readonly string _root;
    private readonly ITestOutputHelper _output;

    public ConsumerProject(ITestOutputHelper output)
    {
        _output = output;
        _root = Path.Combine(Path.GetTempPath(), "spectrumdsl-consumer-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(_root, "Consumer");
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{LocalFeed.Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The project folder.</summary>
    public string Folder { get; }

    /// <summary>The isolated NUGET_PACKAGES folder packages are restored into.</summary>
    public string Packages => Path.Combine(_root, "packages");

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/> in the project folder.</summary>
    public void Write(string file, string text) => File.WriteAllText(Path.Combine(Folder, file), text);

    /// <summary>True when <paramref name="id"/> at the feed's version was restored into <see cref="Packages"/>.</summary>
    public bool Restored(string id) =>
        File.Exists(Path.Combine(Packages, id.ToLowerInvariant(), LocalFeed.Version, $"{id.ToLowerInvariant()}.{LocalFeed.Version}.nupkg"));

    /// <summary>Runs <c>dotnet run -c Release</c> in the project folder; fails the test unless it exits with 0. Returns standard output.</summary>
    public string Run()
    {
        var stopwatch = Stopwatch.StartNew();
        var (exitCode, stdout, stderr) = Dotnet("run", "-c", "Release");
        _output.WriteLine($"dotnet run took {stopwatch.Elapsed.TotalSeconds:F1} s, exit code {exitCode}");
        _output.WriteLine(stdout);
        _output.WriteLine(stderr);
        Assert.True(exitCode == 0, $"dotnet run failed ({exitCode}):\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>The numbers of the line "<paramref name="tag"/> v1 v2 ..." of <paramref name="stdout"/> (invariant culture).</summary>
    public static double[] Values(string stdout, string tag) =>
        Line(stdout, tag).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(text => double.Parse(text, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The rest of the single line of <paramref name="stdout"/> that starts with "<paramref name="tag"/> ".</summary>
    public static string Line(string stdout, string tag)
    {
        var lines = stdout.Split('\n').Select(text => text.Trim()).Where(text => text.StartsWith(tag + " ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one line starting with '{tag} ' but found {lines.Count} in:\n{stdout}");
        return lines[0].Substring(tag.Length + 1);
    }

    private (int ExitCode, string Stdout, string Stderr) Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NUGET_PACKAGES"] = Packages;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No lingering build servers holding our pipes open after the run.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        // Properties of the surrounding test build must not leak into the consumer's build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "Configuration" }) start.Environment.Remove(name);

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"'dotnet {string.Join(' ', arguments)}' did not finish in {Timeout.TotalMinutes} minutes and was killed.\n{stdout}\n{stderr}");
        }
        process.WaitForExit(); // flush the asynchronous readers
        return (process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
