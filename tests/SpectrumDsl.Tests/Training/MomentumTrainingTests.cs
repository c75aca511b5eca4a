using SpectrumDsl.Training;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.Training;

/// <summary>Heavy-ball momentum in the trainer: the automatic rule, its speed-up over PGD, and its refusals.</summary>
public class MomentumTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Automatic_momentum_beats_plain_PGD_as_kernel_theory_predicts()
    {
        // Frequency 3 with k = 7 (degrees <= 3) to 1e-3: what remains after flattening is the initial output's
        // energy beyond degree 3, whose condition number L / l heavy ball reduces to about its square root.
        var y = CircleProblem.Labels(3);
        var config = new TrainerConfig { Width = 4096, Rank = 7, Steps = 5000, Seed = 1, Tolerance = 1e-3, RecordInterval = 1000 };
        var plain = new Trainer(config).Run(CircleProblem.X, y);
        var heavy = new Trainer(config with { Momentum = TrainerConfig.AutomaticMomentum }).Run(CircleProblem.X, y);
        output.WriteLine($"PGD {plain.StepsTaken} (kernel {plain.PredictedSteps}), eta {plain.StepSize:G4}; heavy ball mu = {heavy.Momentum:G4}, eta {heavy.StepSize:G4}: {heavy.StepsTaken} (kernel {heavy.PredictedSteps})");
        Assert.True(plain.Converged && heavy.Converged);
        Assert.InRange(heavy.Momentum, 0.05, 0.999);
        Assert.NotNull(heavy.PredictedSteps);
        // The kernel prediction of heavy ball's steps within a factor 2 (the criterion used for PGD; a wrong
        // recurrence or step is off by far more), and the measured speed-up at least half the predicted one.
        Assert.InRange(heavy.StepsTaken, heavy.PredictedSteps!.Value / 2.0, heavy.PredictedSteps.Value * 2.0);
        var predicted = (double)plain.PredictedSteps!.Value / heavy.PredictedSteps.Value;
        var measured = (double)plain.StepsTaken / heavy.StepsTaken;
        // The problem must be one where momentum matters: 47 / 32 = 1.47 predicted here (the network operator's Lanczos
        // estimate; a speed-up near 1 would make the comparison below empty).
        Assert.True(predicted > 1.4, $"kernel theory predicts only {predicted}");
        Assert.True(measured >= predicted / 2, $"measured speed-up {measured}, predicted {predicted}");
    }

    [Fact]
    public void Mini_batch_with_momentum_is_refused_naming_both_settings()
    {
        var config = new TrainerConfig { Width = 64, Rank = 3, Steps = 10, Momentum = 0.5, BatchSize = 8 };
        var error = Assert.Throws<ArgumentException>(() => new Trainer(config).Run(CircleProblem.X, CircleProblem.Labels(1)));
        Assert.Equal("Momentum", error.ParamName);
        Assert.Contains("BatchSize is 8", error.Message);
        // BatchSize = n is full batch and allowed.
        new Trainer(config with { BatchSize = CircleProblem.X.RowCount }).Run(CircleProblem.X, CircleProblem.Labels(1));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Invalid_momentum_is_refused_by_the_configuration(double momentum)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerConfig { Momentum = momentum }.Validate());
        Assert.Equal("Momentum", error.ParamName);
        Assert.Contains("(automatic)", error.Message);
    }

    [Fact]
    public void An_explicit_rate_above_the_heavy_ball_bound_is_refused_and_one_above_plain_GDs_is_not()
    {
        var config = new TrainerConfig { Width = 64, Rank = 3, Steps = 5, Momentum = 0.5, Optimizer = Optimizer.GradientDescent, Tolerance = 1e-9 };
        var lambda = SpectrumDsl.Spectra.EigenSolver.Full(CircleProblem.Gram).ValuesView[0];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(config with { LearningRate = 3.05 / lambda }).Run(CircleProblem.X, CircleProblem.Labels(1)));
        Assert.Equal("LearningRate", error.ParamName);
        Assert.Contains("2 (1 + mu) / lambda_max(K S) with mu = 0.5", error.Message);
        var result = new Trainer(config with { LearningRate = 2.5 / lambda }).Run(CircleProblem.X, CircleProblem.Labels(1));
        Assert.Equal(0.5, result.Momentum);
    }
}
