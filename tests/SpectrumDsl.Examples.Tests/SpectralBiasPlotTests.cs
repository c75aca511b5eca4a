using SpectralBias;
using SpectrumDsl.Training;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// SpectralBias' plots from a real run on tiny settings (16 points, width 128, frequencies 1 and 2; well under a
/// second): loss.png pairs GD and PGD by colour with a PGD point per step, eigen-residuals-pgd.png has every step,
/// same-solution.png pairs its gaps; and --learning-rate reaches the trainer.
/// </summary>
public sealed class SpectralBiasPlotTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("spectral-bias-plots-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Settings Tiny(string output, double learningRate = 0) =>
        new(Dimension: 2, Samples: 16, TestPoints: 8, Width: 128, Depth: 1, Bias: 1.0, Rank: 5, Frequencies: [1, 2], Tolerance: 0.05,
            MaxSteps: 6000, Seed: 2, Output: output, Plain: true, LearningRate: learningRate);

    private static IReadOnlyList<FrequencyResult> Run(Experiment experiment) =>
        new[] { 1, 2 }.Select(f => experiment.Run(f, _ => new Ignore(), CancellationToken.None)).ToArray();

    [Fact]
    public void Loss_pairs_GD_and_PGD_by_colour_and_PGD_has_a_point_per_step()
    {
        var results = Run(new Experiment(Tiny(folder)));
        var series = Plots.LossSeries(results).ToArray();
        Assert.Equal(["f = 1, GD", "f = 1, PGD", "f = 2, GD", "f = 2, PGD"], series.Select(s => s.Label));
        for (var f = 0; f < results.Count; f++)
        {
            var (gd, pgd) = (series[2 * f], series[2 * f + 1]);
            Assert.Equal(gd.Colour, pgd.Colour);
            Assert.Equal((false, true), (gd.Dashed, pgd.Dashed));
            Assert.True(pgd.Markers, "PGD's few steps are each marked");
            // One point per step, 0 .. the last (plotted at step + 1 on the log axis).
            var steps = results[f].Pgd.StepsTaken;
            Assert.Equal(Enumerable.Range(1, steps + 1).Select(step => (double)step), pgd.X);
        }

        Assert.NotEqual(series[0].Colour, series[2].Colour);
        // GD keeps its sparser records, one every 6000 / 2000 = 3 steps, and its last step.
        Assert.Equal(3, results[0].Gd.Records[1].Step);
        Assert.Equal(results[0].Gd.StepsTaken + 1.0, series[0].X[^1]);
    }

    [Fact]
    public void The_PGD_eigen_residuals_have_every_step_and_same_solution_pairs_its_gaps()
    {
        var results = Run(new Experiment(Tiny(folder)));
        var pgd = results[^1].Pgd;
        Assert.Equal(Enumerable.Range(0, pgd.StepsTaken + 1), pgd.Records.Select(r => r.Step));
        var gaps = Plots.SameSolutionSeries(results).ToArray();
        Assert.Equal(["f = 1, GD-PGD", "f = 1, GD-limit", "f = 2, GD-PGD", "f = 2, GD-limit"], gaps.Select(s => s.Label));
        Assert.Equal(gaps[0].Colour, gaps[1].Colour);
        Assert.Equal((false, true), (gaps[0].Dashed, gaps[1].Dashed));
        var written = Plots.Write(folder, new Experiment(Tiny(folder)), results);
        Assert.Equal(["spectrum.png", "loss.png", "same-solution.png", "eigen-residuals-gd.png", "eigen-residuals-pgd.png"], written.Select(Path.GetFileName));
        Assert.All(written, path => Assert.True(new FileInfo(path).Length > 10_000, $"{path} is nearly empty"));
    }

    [Fact]
    public void The_PGD_record_interval_is_one_step_up_to_its_record_budget()
    {
        Assert.Equal(1, Experiment.PgdRecordInterval(20000));
        Assert.Equal(1, Experiment.PgdRecordInterval(Experiment.MaxPgdRecords));
        Assert.Equal(5, Experiment.PgdRecordInterval(5 * Experiment.MaxPgdRecords));
    }

    [Fact]
    public void A_given_learning_rate_is_the_step_of_every_run_and_one_too_large_is_explained_in_options()
    {
        var results = new Experiment(Tiny(folder, learningRate: 0.002)).Run(1, _ => new Ignore(), CancellationToken.None);
        Assert.Equal((0.002, 0.002), (results.Gd.StepSize, results.Pgd.StepSize));
        // Far above GD's stability bound 2 / lambda_1: the trainer refuses it before training, naming LearningRate.
        var error = Assert.ThrowsAny<ArgumentException>(() => new Experiment(Tiny(folder, learningRate: 100)).Run(1, _ => new Ignore(), CancellationToken.None));
        var lines = TrainingOptions.Explain(error, DivergencePolicy.Recover);
        Assert.NotNull(lines);
        Assert.StartsWith("error: LearningRate 100 is at or above the stability bound", lines[0]);
        Assert.Equal("On this command line: a smaller --learning-rate, or --learning-rate 0 for the automatic step.", lines[1]);
        Assert.Null(TrainingOptions.Explain(new InvalidOperationException("other"), DivergencePolicy.Recover));
    }

    private sealed class Ignore : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
        }
    }
}
