using SpectrumDsl.Training;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.Training.Golden;

/// <summary>
/// Restructuring the trainer must not change what it computes where the step was already right: every scenario of
/// <see cref="GoldenScenarios"/> is compared with golden-results.txt. golden-before-restructuring.txt holds what the
/// code before the setup pipeline computed; the current file differs from it only where a fix was meant to change
/// results (the Lanczos residual stop moved the PGD step sizes in their fifth digit; exact mini-batch PGD, which
/// diverged, now converges), and the version-4 checkpoints of that code still resume to it (<see cref="OldCheckpointTests"/>).
/// On the machine kind that wrote the file (same vector width, cores and eigen library) every bit must match; on
/// another, step counts exactly and losses to a relative 1e-6 (summation order differs with the vector width, and the
/// difference stays near round-off over a few hundred contracting steps). Set SPECTRUMDSL_WRITE_GOLDEN=1 to rewrite the
/// file, only after a change that is meant to alter results, and say why in the commit.
/// </summary>
public class GoldenResultsTests(ITestOutputHelper output)
{
    private const double LossTolerance = 1e-6;

    public static TheoryData<string> Names => [.. GoldenScenarios.Configs.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Results_match_the_golden_file(string name)
    {
        var actual = GoldenScenarios.Summarise(name, GoldenScenarios.Run(name));
        output.WriteLine(actual.Format());
        if (Environment.GetEnvironmentVariable("SPECTRUMDSL_WRITE_GOLDEN") == "1")
        {
            Write(name, actual);
            return;
        }

        var (machine, lines) = Read(CurrentFile);

        var expected = lines.Single(line => line.Name == name);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.PredictedSteps, actual.PredictedSteps);
        Assert.Equal(expected.Momentum, actual.Momentum, 1e-12);
        AssertClose(expected.StepSize, actual.StepSize, 1e-9, "step size");
        AssertClose(expected.TrainLoss, actual.TrainLoss, LossTolerance, "final training loss");
        AssertClose(expected.TestLoss, actual.TestLoss, LossTolerance, "final test loss");
        if (SameMachineKind(CurrentFile))
        {
            Assert.Equal(expected.Digest, actual.Digest);
        }
        else
        {
            output.WriteLine($"golden file from '{machine}', this machine '{GoldenScenarios.Machine()}': bits not compared");
        }
    }

    /// <summary>The results of the current code.</summary>
    internal const string CurrentFile = "golden-results.txt";

    /// <summary>The results of the code before the setup pipeline, which its checkpoints resume to.</summary>
    internal const string BeforeRestructuringFile = "golden-before-restructuring.txt";

    /// <summary>True on the machine kind that wrote <paramref name="file"/>: there every bit must match.</summary>
    internal static bool SameMachineKind(string file) => Read(file).Machine == GoldenScenarios.Machine();

    /// <summary>The line of <paramref name="name"/> in <paramref name="file"/>.</summary>
    internal static GoldenLine Expected(string name, string file) => Read(file).Lines.Single(line => line.Name == name);

    private static void AssertClose(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    private static string FilePath(string file) => Repository.File("tests", "SpectrumDsl.Tests", "Training", "Golden", file);

    private static (string Machine, List<GoldenLine> Lines) Read(string file, bool missingIsEmpty = false)
    {
        var path = FilePath(file);
        if (!File.Exists(path))
        {
            return missingIsEmpty ? ("", []) : throw new FileNotFoundException($"Golden file '{path}' is missing: restore it from git, or write it with SPECTRUMDSL_WRITE_GOLDEN=1.", path);
        }

        var text = File.ReadAllLines(path);
        return (text[0].TrimStart('#', ' '), text.Skip(1).Where(line => line.Length > 0).Select(GoldenLine.Parse).ToList());
    }

    private static readonly object WriteLock = new();

    private static void Write(string name, GoldenLine line)
    {
        lock (WriteLock)
        {
            var (_, lines) = Read(CurrentFile, missingIsEmpty: true);
            lines.RemoveAll(existing => existing.Name == name);
            lines.Add(line);
            File.WriteAllLines(FilePath(CurrentFile), [$"# {GoldenScenarios.Machine()}", .. lines.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => l.Format())]);
        }
    }
}
