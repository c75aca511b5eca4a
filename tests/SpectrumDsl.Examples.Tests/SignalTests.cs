namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM stop a SpectralBias run the same way: between steps, with the run's checkpoint
/// written, the "continue with --resume" message and exit code 130. SIGINT used to end the process at once
/// (exit 130 from the runtime, no message, no checkpoint of the interrupted step).
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("example-signal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public void A_signal_saves_the_run_and_says_how_to_continue(int signal)
    {
        var checkpoints = Path.Combine(folder, "checkpoints");
        // A tolerance GD cannot reach within the budget: the run is still training when the signal arrives.
        using var run = ExampleProcess.Start("SpectralBias", "--samples", "16", "--test-points", "8", "--width", "64", "--rank", "3",
            "--frequencies", "1", "--tolerance", "1e-9", "--max-steps", "100000000", "--plain", "--checkpoint", checkpoints,
            "--out", Path.Combine(folder, "out"));
        // The first progress line comes from inside the training loop, after the signal handlers are in place.
        run.WaitForOutput("frequency 1, GD: step 0");
        run.Signal(signal);
        run.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.Equal(StopSignal.ExitCode, run.ExitCode);
        Assert.Contains($"Interrupted; each run's state is saved in {checkpoints}. Continue with the same options plus --resume.", run.Error);
        Assert.True(File.Exists(Path.Combine(checkpoints, "frequency-1-gd.ckpt")), "no checkpoint of the interrupted GD run");
        // Nothing was written to --out: an interrupted run has no report.
        Assert.DoesNotContain("Report:", run.Output);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }
}
