using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// Runs an example as its own process (the build copies every referenced example next to the tests), for what
/// only a process shows: its exit code, what it prints, and how it answers a signal.
/// </summary>
internal sealed class ExampleProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly object gate = new();

    private ExampleProcess(string example, IEnumerable<string> arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, example + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project must reference examples/{example}.");
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (gate)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="example"/> with <paramref name="arguments"/>.</summary>
    public static ExampleProcess Start(string example, params string[] arguments) => new(example, arguments);

    /// <summary>Runs <paramref name="example"/> to its end and returns it (exit code, output, errors).</summary>
    public static ExampleProcess Run(string example, params string[] arguments)
    {
        var run = new ExampleProcess(example, arguments);
        run.WaitForExit();
        return run;
    }

    /// <summary>The exit code, once the process has ended.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Waits until the output contains <paramref name="text"/>; fails when the process ends first or the time runs out.</summary>
    public void WaitForOutput(string text, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(process.HasExited && !Output.Contains(text, StringComparison.Ordinal), $"The process ended before printing '{text}'. Output:\n{Output}\nErrors:\n{Error}");
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), $"No '{text}' within the time. Output:\n{Output}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends the POSIX signal <paramref name="signal"/> (2 = SIGINT, 15 = SIGTERM) to the process.</summary>
    public void Signal(int signal) => Assert.Equal(0, Kill(process.Id, signal));

    /// <summary>Waits for the end of the process (and of its output); fails after <paramref name="timeout"/>.</summary>
    public void WaitForExit(TimeSpan? timeout = null)
    {
        Assert.True(process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)), $"The process did not end. Output:\n{Output}");
        // The parameterless wait also drains the redirected output.
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }

    private void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (gate)
            {
                text.AppendLine(line);
            }
        }
    }

    // The dotnet CLI names itself to the processes it starts; a test host started otherwise runs on it directly.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
