using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Training;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.Training;

/// <summary>
/// GD and PGD converge to one predictor, the linearised limit f_0(x) + K(x, X) K^-1 (y - f_0(X)): the gaps
/// between them must shrink as the tolerance falls, and the milestones a run to a small tolerance keeps must be
/// the networks runs stopped at the larger tolerances return.
/// </summary>
public class SameSolutionTests(ITestOutputHelper output)
{
    // n = 16 points on S^15: a well-conditioned Gram, so GD reaches 1e-2 in a few hundred steps.
    private const int Dimension = 16;
    private static readonly Matrix<double> X = Sphere.Sample(16, Dimension, seed: 21);
    private static readonly Matrix<double> TestX = Sphere.Sample(64, Dimension, seed: 22);
    private static readonly Vector<double> Y = Sphere.ZonalHarmonic(X, 1, Sphere.NorthPole(Dimension));
    private static readonly TrainerConfig Config = new()
    {
        Width = 4096, Rank = 5, Steps = 40_000, Seed = 3, Tolerance = 1e-2, RecordInterval = 5000,
    };

    [Fact]
    public void GD_PGD_and_the_linearised_limit_draw_together_as_the_tolerance_falls()
    {
        var gd = new Trainer(Config with { Optimizer = Optimizer.GradientDescent }).Run(X, Y);
        var pgd = new Trainer(Config with { Optimizer = Optimizer.Preconditioned }).Run(X, Y);
        Assert.True(gd.Converged && pgd.Converged, $"GD {gd.StopReason}, PGD {pgd.StopReason}");
        Assert.Equal([0.1], gd.Milestones.Select(m => m.Tolerance));
        Assert.Equal([0.1], pgd.Milestones.Select(m => m.Tolerance));

        var initial = FullyConnectedNetwork.Create(Config.Architecture, Dimension, Config.Width, Config.Seed);
        var alpha = KernelRegression.Solve(Config.Architecture.Ntk().Gram(X), Y - initial.Predict(X));
        var limit = initial.Predict(TestX) + Config.Architecture.Ntk().Cross(TestX, X) * alpha;
        var scale = limit.L2Norm();
        var networks = gd.Milestones.Zip(pgd.Milestones, (a, b) => (gd.NetworkAt(a), pgd.NetworkAt(b))).Append((gd.Network, pgd.Network));
        var gaps = networks.Select(pair =>
        {
            var a = pair.Item1.Predict(TestX);
            var b = pair.Item2.Predict(TestX);
            return (GdPgd: (a - b).L2Norm() / scale, Gd: (a - limit).L2Norm() / scale, Pgd: (b - limit).L2Norm() / scale);
        }).ToArray();
        foreach (var (gap, tolerance) in gaps.Zip(new[] { 0.1, 0.01 }))
        {
            output.WriteLine($"tolerance {tolerance}: GD-PGD {gap.GdPgd:G4}, GD-limit {gap.Gd:G4}, PGD-limit {gap.Pgd:G4}");
        }

        // A decade of training residual removes 90 % of what separates each run from the limit on the training
        // set; on the test set the gaps follow down to a floor set by the width, the network's own NTK differing
        // from the analytic one by O(1/sqrt(m)) (measured at m = 4096: GD-PGD 0.18 -> 0.031, GD-limit 0.30 ->
        // 0.10, PGD-limit 0.20 -> 0.11; at 1e-3 they stay at 0.03, 0.12, 0.13 - the floor). So the test stops at
        // 1e-2 and asks for a fall by a factor 1.25: a milestone taken at the wrong step, or runs converging to
        // different predictors, leave a gap that does not fall.
        for (var i = 1; i < gaps.Length; i++)
        {
            Assert.True(gaps[i].GdPgd < gaps[i - 1].GdPgd / 1.25, $"GD-PGD gap did not shrink at decade {i}: {gaps[i - 1].GdPgd} -> {gaps[i].GdPgd}");
            Assert.True(gaps[i].Gd < gaps[i - 1].Gd / 1.25, $"GD-limit gap did not shrink at decade {i}: {gaps[i - 1].Gd} -> {gaps[i].Gd}");
            Assert.True(gaps[i].Pgd < gaps[i - 1].Pgd / 1.25, $"PGD-limit gap did not shrink at decade {i}: {gaps[i - 1].Pgd} -> {gaps[i].Pgd}");
        }
    }

    [Fact]
    public void A_milestone_is_the_network_a_run_stopped_at_its_tolerance_returns()
    {
        var config = Config with { Optimizer = Optimizer.GradientDescent, Width = 256, Tolerance = 0.005 };
        var full = new Trainer(config).Run(X, Y);
        Assert.Equal([0.1, 0.01], full.Milestones.Select(m => m.Tolerance));
        foreach (var milestone in full.Milestones)
        {
            var stopped = new Trainer(config with { Tolerance = milestone.Tolerance }).Run(X, Y);
            Assert.Equal(stopped.StepsTaken, milestone.Step);
            Assert.Equal(stopped.Network.CopyParameters(), full.NetworkAt(milestone).CopyParameters());   // exact
            Assert.InRange(milestone.RelativeResidual, 0, milestone.Tolerance);
        }
    }
}
