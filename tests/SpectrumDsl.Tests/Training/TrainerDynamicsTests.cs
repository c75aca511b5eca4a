using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;
using SpectrumDsl.Tests.Support;
using SpectrumDsl.Training;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.Training;

/// <summary>Shared problem: n = 64 random points on the circle, one hidden layer, bias 1.</summary>
internal static class CircleProblem
{
    public static readonly Matrix<double> X = Sphere.Sample(64, 2, seed: 3);
    public static readonly Matrix<double> TestX = Sphere.Sample(40, 2, seed: 77);
    public static readonly NetworkArchitecture Architecture = NetworkArchitecture.Relu(1, 1.0);
    public static readonly Matrix<double> Gram = Architecture.Ntk().Gram(X);

    public static Vector<double> Labels(int frequency, Matrix<double>? points = null) =>
        Sphere.ZonalHarmonic(points ?? X, frequency, Sphere.NorthPole(2));
}

public class TrainerDynamicsTests(ITestOutputHelper output)
{
    /// <summary>max_t ||r_t - (I - eta K S)^t r_0|| / ||r_0|| over the recorded steps, K the analytic NTK.</summary>
    private double TrajectoryError(int width, Optimizer optimizer, int steps, double momentum = 0)
    {
        var config = new TrainerConfig
        {
            Width = width, Optimizer = optimizer, Rank = 7, Steps = steps, Seed = 5, RecordInterval = 1, Momentum = momentum,
            Tolerance = 1e-9,   // run the whole budget
        };
        var residuals = new List<Vector<double>>();
        var result = new Trainer(config).Run(CircleProblem.X, CircleProblem.Labels(3));
        var preconditioner = optimizer == Optimizer.Preconditioned
            ? new Preconditioner(SpectralModification.Compute(CircleProblem.Gram, SpectrumTarget.FlattenTop, 7))
            : null;
        Assert.Equal(momentum, result.Momentum);
        var kernel = KernelGradientDescent.Create(CircleProblem.Gram, preconditioner).WithMomentum(momentum, result.StepSize);
        var vk = EigenSolver.Top(CircleProblem.Gram, 7).Vectors;
        var r0 = result.InitialResidual;
        var worst = 0.0;
        foreach (var record in result.Records)
        {
            // The records hold the top-k projections and the norm outside; compare both.
            var predicted = kernel.Residual(r0, record.Step);
            var predictedTop = vk.TransposeThisAndMultiply(predicted);
            var actualTop = Vector<double>.Build.DenseOfEnumerable(record.EigenProjections);
            var topError = (actualTop - predictedTop).L2Norm();
            var outsideError = Math.Abs(record.ResidualOutsideTop - Math.Sqrt(Math.Max(0, predicted.DotProduct(predicted) - predictedTop.DotProduct(predictedTop))));
            worst = Math.Max(worst, Math.Sqrt(topError * topError + outsideError * outsideError) / r0.L2Norm());
        }

        // The final residual is available in full: check it exactly too.
        worst = Math.Max(worst, (result.FinalResidual - kernel.Residual(r0, result.StepsTaken)).L2Norm() / r0.L2Norm());
        output.WriteLine($"{optimizer} (momentum {momentum}) width {width}: max relative trajectory error {worst:G4}");
        return worst;
    }

    [Theory]
    [InlineData(Optimizer.GradientDescent, 200, 0.05, 0.0)]
    [InlineData(Optimizer.Preconditioned, 20, 0.15, 0.0)]
    [InlineData(Optimizer.GradientDescent, 40, 0.3, 0.6)]
    [InlineData(Optimizer.Preconditioned, 20, 0.5, 0.3)]
    public void Residual_follows_the_kernel_closed_form_more_closely_as_width_grows(Optimizer optimizer, int steps, double bound, double momentum)
    {
        // With heavy ball the prediction is the two-term recurrence per eigendirection
        // (HeavyBall.Factor). Its step (1 + sqrt(mu))^2 / (1.1 L) overshoots the top direction:
        // at mu = 0.6, 1 - eta delta_1 = -1.8, so v_1's component (most of r_0 here) swings to twice
        // its size and then oscillates down at 0.775 per step with a phase set by delta_1. The
        // network's own top eigenvalue differs by its NTK fluctuation (190.7 vs 186.9 at width 4096,
        // 2 %), which shifts that phase: the error peaks at step 3 (measured 0.21 at 4096, 0.65 at
        // 512) and shrinks with width like the fluctuation. PGD at mu = 0.3 adds S's amplification
        // of the same error (measured 0.36 and 0.76; PGD alone 0.11 and 0.37).
        // Lazy-training theory: the deviation is O(1/sqrt(m)) (NTK fluctuation at init plus its
        // drift during training), so 8x the width predicts a factor 0.35; asserting < 0.6 leaves
        // room for seed noise but fails if the error does not shrink. PGD's step is delta_1/delta_k
        // = 285 times larger, which amplifies the finite-width error acting on the flattened
        // directions, hence its looser bound at m = 4096 (measured 0.022 GD, 0.118 PGD).
        var narrow = TrajectoryError(512, optimizer, steps, momentum);
        var wide = TrajectoryError(4096, optimizer, steps, momentum);
        Assert.True(wide < 0.6 * narrow, $"error at 4096 ({wide}) not below 0.6 x error at 512 ({narrow})");
        Assert.True(wide < bound, $"error at 4096 is {wide}");
    }

    [Fact]
    public void GD_PGD_and_kernel_regression_reach_the_same_predictor()
    {
        // Frequency 2 (inside the top k = 5, which sits at a gap: delta_6/delta_5 = 0.31).
        var y = CircleProblem.Labels(2);
        var baseConfig = new TrainerConfig { Width = 4096, Rank = 5, Steps = 20_000, Seed = 9, Tolerance = 0.01, RecordInterval = 1000 };
        var gd = new Trainer(baseConfig with { Optimizer = Optimizer.GradientDescent }).Run(CircleProblem.X, y);
        var pgd = new Trainer(baseConfig with { Optimizer = Optimizer.Preconditioned }).Run(CircleProblem.X, y);
        Assert.True(gd.Converged && pgd.Converged);

        // Linearised network at convergence: f(x) = f_0(x) + K(x, X) K^-1 (y - f_0(X)), with the
        // analytic NTK (the same initial network for both runs: same seed).
        var initial = SpectrumDsl.Networks.FullyConnectedNetwork.Create(CircleProblem.Architecture, 2, 4096, seed: 9);
        var ntk = CircleProblem.Architecture.Ntk();
        var alpha = KernelRegression.Solve(CircleProblem.Gram, y - initial.Predict(CircleProblem.X));
        var kernelPrediction = initial.Predict(CircleProblem.TestX) + ntk.Cross(CircleProblem.TestX, CircleProblem.X) * alpha;

        var gdTest = gd.Predict(CircleProblem.TestX);
        var pgdTest = pgd.Predict(CircleProblem.TestX);
        var scale = kernelPrediction.L2Norm();
        var gdVsPgd = (gdTest - pgdTest).L2Norm() / scale;
        var gdVsKernel = (gdTest - kernelPrediction).L2Norm() / scale;
        var pgdVsKernel = (pgdTest - kernelPrediction).L2Norm() / scale;
        output.WriteLine($"GD {gd.StepsTaken} steps, PGD {pgd.StepsTaken} steps; relative test differences: GD-PGD {gdVsPgd:G4}, GD-kernel {gdVsKernel:G4}, PGD-kernel {pgdVsKernel:G4}");
        // Both stop at 1 % residual (what is left differs between them), and width 4096 leaves an
        // O(1/sqrt(m)) kernel mismatch of about 1-2 % (measured: GD-PGD 0.3 %, each vs kernel
        // 1.1 %); 5 % separates "same predictor" from a different one (dropping the f_0 offset
        // or fitting other labels is off by far more than 50 %).
        Assert.True(gdVsPgd < 0.05, $"GD vs PGD {gdVsPgd}");
        Assert.True(gdVsKernel < 0.05, $"GD vs kernel {gdVsKernel}");
        Assert.True(pgdVsKernel < 0.05, $"PGD vs kernel {pgdVsKernel}");
    }

    [Fact]
    public void PGD_speedup_matches_kernel_prediction_at_a_resolving_width()
    {
        // Frequency 3, flatten the top k = 7 (degrees <= 3; delta_8/delta_7 = 0.66 is a gap).
        var y = CircleProblem.Labels(3);
        var config = new TrainerConfig { Width = 4096, Rank = 7, Steps = 5000, Seed = 1, RecordInterval = 500 };
        var gd = new Trainer(config with { Optimizer = Optimizer.GradientDescent }).Run(CircleProblem.X, y);
        var pgd = new Trainer(config with { Optimizer = Optimizer.Preconditioned }).Run(CircleProblem.X, y);
        output.WriteLine($"GD {gd.StepsTaken} (kernel {gd.PredictedSteps}), PGD {pgd.StepsTaken} (kernel {pgd.PredictedSteps}); delta_1/delta_k = {pgd.Preconditioner.ConditionRatio:G4}, gap {pgd.Preconditioner.GapRatio:G3}, share in top-k {pgd.Preconditioner.TargetShareInTopK:G4}");
        Assert.True(gd.Converged && pgd.Converged);
        Assert.True(gd.Resolution.IsResolved && gd.Warnings.Count == 0, string.Join("; ", gd.Warnings));
        Assert.NotNull(gd.PredictedSteps);
        Assert.NotNull(pgd.PredictedSteps);
        // Finite width slows GD slightly (measured 711 vs 561); a factor 2 either way is the
        // brief's criterion and catches a wrong step size or gradient scale (both off by >= 2x).
        Assert.InRange(gd.StepsTaken, gd.PredictedSteps!.Value / 2.0, gd.PredictedSteps.Value * 2.0);
        var predictedSpeedup = (double)gd.PredictedSteps.Value / pgd.PredictedSteps!.Value;
        var speedup = (double)gd.StepsTaken / pgd.StepsTaken;
        Assert.True(speedup >= Math.Min(10, predictedSpeedup / 2), $"speed-up {speedup}, kernel prediction {predictedSpeedup}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_trajectories_and_another_seed_does_not()
    {
        var config = new TrainerConfig { Width = 256, Rank = 7, Steps = 50, Seed = 4, RecordInterval = 1, Tolerance = 1e-9, Optimizer = Optimizer.GradientDescent };
        var y = CircleProblem.Labels(3);
        var first = new Trainer(config).Run(CircleProblem.X, y).Records.Select(r => r.TrainLoss).ToArray();
        var second = new Trainer(config).Run(CircleProblem.X, y).Records.Select(r => r.TrainLoss).ToArray();
        var other = new Trainer(config with { Seed = 5 }).Run(CircleProblem.X, y).Records.Select(r => r.TrainLoss).ToArray();
        Assert.Equal(51, first.Length);
        Assert.Equal(first, second);   // exact double equality
        Assert.NotEqual(first, other);
    }
}
