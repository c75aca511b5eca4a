using System.Diagnostics;
using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using Xunit.Abstractions;

namespace SpectrumDsl.Package.Tests;

/// <summary>
/// The shipped package, consumed the way a user would, builds and runs. A fresh
/// console project in a temporary folder references SpectrumDsl 0.1.0 from the feed packed by
/// this project's build (plus nuget.org for MathNet.Numerics), with its own NUGET_PACKAGES so a
/// stale cached 0.1.0 can never be used; the generator must run and the number it prints must
/// equal the same computation done here.
/// </summary>
public class ConsumerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    // Points on the unit sphere S^2, written out so the consumer and this test share them exactly.
    private static readonly double[][] Points =
    [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [0.6, 0.8, 0],
        [0, 0.6, -0.8],
        [-0.48, 0.6, 0.64],
        [0.36, -0.48, 0.8],
    ];

    private const string Program = """
        using System.Globalization;
        using MathNet.Numerics.LinearAlgebra;
        using SpectrumDsl;

        var x = Matrix<double>.Build.DenseOfRowArrays(POINTS);
        var msk = Flat.BuildKernel(x);
        var gram = msk.TrainingGram();
        var fresh = msk.Evaluate(Vector<double>.Build.DenseOfArray([0.0, 0.8, 0.6]), x.Row(0));
        System.Console.WriteLine("VALUES " + string.Join(" ", new[] { gram[0, 1], gram[3, 5], fresh, Flat.Target(0.5, 2, new TargetContext(2, 0.25, 3, 7)) }
            .Select(value => value.ToString("R", CultureInfo.InvariantCulture))));

        [ModifiedSpectrum("lambda_k", Rank = 3)]
        [ReluNtk(Depth = 1, BiasScale = 1.0)]
        static partial class Flat { }
        """;

    [Fact]
    public void Packed_package_builds_and_runs_in_a_fresh_console_project()
    {
        var feed = Path.Combine(AppContext.BaseDirectory, "feed");
        Assert.True(File.Exists(Path.Combine(feed, "SpectrumDsl.0.1.0.nupkg")), $"The build should have packed SpectrumDsl 0.1.0 into {feed}.");

        var root = Path.Combine(Path.GetTempPath(), "spectrumdsl-consumer-" + Guid.NewGuid().ToString("N"));
        var project = Path.Combine(root, "Consumer");
        Directory.CreateDirectory(project);
        try
        {
            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(project, "Consumer.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SpectrumDsl" Version="0.1.0" />
                  </ItemGroup>
                </Project>
                """);
            var points = "[" + string.Join(", ", Points.Select(row => "new double[] { " + string.Join(", ", row.Select(value => value.ToString("R", CultureInfo.InvariantCulture))) + " }")) + "]";
            File.WriteAllText(Path.Combine(project, "Program.cs"), Program.Replace("POINTS", points));

            var stopwatch = Stopwatch.StartNew();
            var (exitCode, stdout, stderr) = Run(project, Path.Combine(root, "packages"), "run", "-c", "Release");
            output.WriteLine($"dotnet run took {stopwatch.Elapsed.TotalSeconds:F1} s, exit code {exitCode}");
            output.WriteLine(stdout);
            output.WriteLine(stderr);
            Assert.True(exitCode == 0, $"dotnet run failed ({exitCode}):\n{stdout}\n{stderr}");

            var line = stdout.Split('\n').Select(text => text.Trim()).Single(text => text.StartsWith("VALUES ", StringComparison.Ordinal));
            var printed = line.Substring("VALUES ".Length).Split(' ').Select(text => double.Parse(text, CultureInfo.InvariantCulture)).ToArray();

            var expected = Expected();
            Assert.Equal(expected.Length, printed.Length);
            for (var index = 0; index < expected.Length; index++)
            {
                // Same code and inputs; only the summation order of parallel kernels could differ.
                Assert.True(Math.Abs(printed[index] - expected[index]) <= 1e-12 * Math.Max(1, Math.Abs(expected[index])),
                    $"value {index}: consumer printed {printed[index]:R}, in-process {expected[index]:R}");
            }
            Assert.True(printed[3] == 0.25, "Flat.Target must return lambda_k.");
            Assert.True(File.Exists(Path.Combine(root, "packages", "spectrumdsl", "0.1.0", "spectrumdsl.0.1.0.nupkg")), "restored into the isolated NUGET_PACKAGES");
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static double[] Expected()
    {
        var x = Matrix<double>.Build.DenseOfRowArrays(Points);
        var spec = new SpectrumSpec(NetworkArchitecture.Relu(1, 1.0).Ntk(), SpectrumTarget.Parse("lambda_k"), 3);
        var msk = spec.BuildKernel(x);
        var gram = msk.TrainingGram();
        var fresh = msk.Evaluate(Vector<double>.Build.DenseOfArray([0.0, 0.8, 0.6]), x.Row(0));
        return [gram[0, 1], gram[3, 5], fresh, 0.25];
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string directory, string packages, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NUGET_PACKAGES"] = packages;
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
}
