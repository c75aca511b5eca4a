using SpectrumDsl.Tests.Reliability;
using SpectrumDsl.Training;
using SpectrumDsl.Training.Checkpoints;

namespace SpectrumDsl.Tests.Training.Golden;

/// <summary>
/// Checkpoints written by earlier code, committed beside this file, still resume, and the continued run ends where the
/// uninterrupted one of that code did (bit for bit on the machine kind that wrote both): a checkpoint keeps its step
/// size, so it continues its own trajectory. Format 4 comes from the code before the trainer's restructuring and ends at
/// golden-before-restructuring.txt; format 5 from the code before the above-initial-loss divergence rule, whose results
/// are golden-results.txt (when a change is meant to alter those, keep a copy of the old file for format 5).
/// SPECTRUMDSL_WRITE_OLD_CHECKPOINTS=1 writes the current format's files: run it on the old code just before a format
/// change, then add that version here.
/// </summary>
public class OldCheckpointTests
{
    private static readonly string[] Scenarios = ["exact-full-pgd", "exact-full-momentum", "exact-mini-gd", "nystrom-mini-pgd", "exact-full-pgd-classes"];

    /// <summary>Each old format and the golden file of the code that wrote it.</summary>
    private static readonly Dictionary<int, string> Formats = new()
    {
        [4] = GoldenResultsTests.BeforeRestructuringFile,
        [5] = GoldenResultsTests.CurrentFile,
    };

    public static TheoryData<string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (var name in Scenarios)
            {
                foreach (var version in Formats.Keys)
                {
                    cases.Add(name, version);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_old_checkpoint_resumes_to_the_result_of_the_code_that_wrote_it(string name, int version)
    {
        var config = GoldenScenarios.Configs[name];
        if (Environment.GetEnvironmentVariable("SPECTRUMDSL_WRITE_OLD_CHECKPOINTS") == "1")
        {
            WriteCheckpoint(name, config, CheckpointPath(name, TrainingCheckpoint.FormatVersion));
            return;
        }

        var path = CheckpointPath(name, version);
        var resumed = name.EndsWith("-classes", StringComparison.Ordinal)
            ? new Trainer(config).Resume(path, GoldenScenarios.X, GoldenScenarios.Classes, GoldenScenarios.TestX, GoldenScenarios.TestClasses)
            : new Trainer(config).Resume(path, GoldenScenarios.X, GoldenScenarios.Y, GoldenScenarios.TestX, GoldenScenarios.TestY);
        Assert.NotNull(resumed.ResumedFromStep);
        var expected = GoldenResultsTests.Expected(name, Formats[version]);
        var actual = GoldenScenarios.Summarise(name, resumed);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.True(Math.Abs(expected.TrainLoss - actual.TrainLoss) <= 1e-6 * expected.TrainLoss, $"{actual.TrainLoss:R} vs {expected.TrainLoss:R}");
        if (GoldenResultsTests.SameMachineKind(Formats[version]))
        {
            Assert.Equal(expected.Digest, actual.Digest);
        }
    }

    // Cancelled once step 7 has been evaluated: the checkpoint holds the state between steps 7 and 8 (mini-batch runs mid-epoch).
    private static void WriteCheckpoint(string name, TrainerConfig config, string path)
    {
        using var source = new CancellationTokenSource();
        var options = new CheckpointOptions(path, interval: 100_000);
        var progress = new SyncProgress(p => { if (p.Record?.Step >= 7) { source.Cancel(); } });
        var killed = name.EndsWith("-classes", StringComparison.Ordinal)
            ? new Trainer(config).Run(GoldenScenarios.X, GoldenScenarios.Classes, GoldenScenarios.TestX, GoldenScenarios.TestClasses, progress, source.Token, options)
            : new Trainer(config).Run(GoldenScenarios.X, GoldenScenarios.Y, GoldenScenarios.TestX, GoldenScenarios.TestY, progress, source.Token, options);
        Assert.True(killed.Cancelled);
    }

    private static string CheckpointPath(string name, int version) =>
        Repository.File("tests", "SpectrumDsl.Tests", "Training", "Golden", "checkpoints", $"{name}.v{version}.ckpt");
}
