using SpectrumDsl.Training;

namespace SpectrumDsl.Examples.Tests;

/// <summary>Plain-mode progress (<c>--plain</c>, or output redirected): what a log of one run shows.</summary>
public class ProgressDisplayTests
{
    private static TrainingProgress At(int step, double residual) =>
        new(step, "", new TrainingRecord(step, 0.5 * residual * residual, null, residual, [], 0, 0.1, TimeSpan.Zero));

    private static string[] Lines(int maxSteps, int lines, IEnumerable<TrainingProgress> reports)
    {
        using var output = new StringWriter();
        var reporter = ProgressDisplay.Plain("run", maxSteps, record => $"residual {record.RelativeResidual:0.000}", lines, output);
        foreach (var report in reports)
        {
            reporter.Report(report);
        }

        ((IDisposable)reporter).Dispose();
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public void A_long_run_prints_step_zero_evenly_spaced_steps_and_its_last_step()
    {
        // Records every 10 steps of a 1000-step budget, stopped at step 730: lines every 1000 / 4 = 250 steps.
        var lines = Lines(1000, 4, Enumerable.Range(0, 74).Select(i => At(10 * i, 1.0 / (i + 1))));
        Assert.Equal(
        [
            "run: step 0, residual 1.000",
            "run: step 250, residual 0.038",
            "run: step 500, residual 0.020",
            "run: step 730, residual 0.014 (last)",
        ], lines);
    }

    [Fact]
    public void A_run_that_stops_early_still_prints_where_it_stopped_and_its_warnings()
    {
        var lines = Lines(20000, 10, [new TrainingProgress(0, "a warning", null), At(0, 1.0), At(1, 0.2), At(2, 0.01)]);
        Assert.Equal(["run: a warning", "run: step 0, residual 1.000", "run: step 2, residual 0.010 (last)"], lines);
    }

    [Fact]
    public void A_last_step_already_printed_is_not_repeated()
    {
        var lines = Lines(100, 2, [At(0, 1.0), At(25, 0.5), At(50, 0.1)]);
        Assert.Equal(["run: step 0, residual 1.000", "run: step 50, residual 0.100"], lines);
    }
}
