using SpectrumDsl.Tests.Reliability;
using SpectrumDsl.Training;
using SpectrumDsl.Training.Checkpoints;

namespace SpectrumDsl.Tests.Training.Golden;

/// <summary>
/// Checkpoints written by the code before the trainer's restructuring (format version 4, committed beside this file)
/// still resume, and the continued run ends where the uninterrupted one of that code did (golden-before-restructuring.txt;
/// bit for bit on the machine kind that wrote both): a checkpoint keeps its step size, so it continues its own trajectory.
/// SPECTRUMDSL_WRITE_OLD_CHECKPOINTS=1 rewrites them: never after a format change, since their point is to be old.
/// </summary>
public class OldCheckpointTests
{
    public static TheoryData<string> Names => ["exact-full-pgd", "exact-full-momentum", "exact-mini-gd", "nystrom-mini-pgd", "exact-full-pgd-classes"];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_version_4_checkpoint_resumes_to_the_result_of_the_code_that_wrote_it(string name)
    {
        var path = CheckpointPath(name);
        var config = GoldenScenarios.Configs[name];
        if (Environment.GetEnvironmentVariable("SPECTRUMDSL_WRITE_OLD_CHECKPOINTS") == "1")
        {
            WriteCheckpoint(name, config, path);
            return;
        }

        var resumed = name.EndsWith("-classes", StringComparison.Ordinal)
            ? new Trainer(config).Resume(path, GoldenScenarios.X, GoldenScenarios.Classes, GoldenScenarios.TestX, GoldenScenarios.TestClasses)
            : new Trainer(config).Resume(path, GoldenScenarios.X, GoldenScenarios.Y, GoldenScenarios.TestX, GoldenScenarios.TestY);
        Assert.NotNull(resumed.ResumedFromStep);
        var expected = GoldenResultsTests.Expected(name, GoldenResultsTests.BeforeRestructuringFile);
        var actual = GoldenScenarios.Summarise(name, resumed);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.True(Math.Abs(expected.TrainLoss - actual.TrainLoss) <= 1e-6 * expected.TrainLoss, $"{actual.TrainLoss:R} vs {expected.TrainLoss:R}");
        if (GoldenResultsTests.SameMachineKind(GoldenResultsTests.BeforeRestructuringFile))
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

    private static string CheckpointPath(string name) =>
        Repository.File("tests", "SpectrumDsl.Tests", "Training", "Golden", "checkpoints", name + ".v4.ckpt");
}
