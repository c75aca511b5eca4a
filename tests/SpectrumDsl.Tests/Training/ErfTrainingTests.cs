using SpectrumDsl.Kernels;
using SpectrumDsl.Training;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.Training;

/// <summary>The trainer, its resolution check and PGD with an Erf network: the architecture alone changes.</summary>
public class ErfTrainingTests(ITestOutputHelper output)
{
    private static readonly NetworkArchitecture Erf = NetworkArchitecture.Erf(1, 1.0);

    [Fact]
    public void PGD_on_an_Erf_network_follows_kernel_theory_at_a_resolving_width()
    {
        // Frequency 3, flatten the top k = 7 (degrees <= 3 on the circle; the Erf spectrum falls ~4x per degree).
        var y = CircleProblem.Labels(3);
        var config = new TrainerConfig { Width = 2048, Architecture = Erf, Rank = 7, Steps = 5000, Seed = 1, RecordInterval = 500 };
        var gd = new Trainer(config with { Optimizer = Optimizer.GradientDescent }).Run(CircleProblem.X, y);
        var pgd = new Trainer(config with { Optimizer = Optimizer.Preconditioned }).Run(CircleProblem.X, y);
        output.WriteLine($"GD {gd.StepsTaken} (kernel {gd.PredictedSteps}), PGD {pgd.StepsTaken} (kernel {pgd.PredictedSteps}); delta_1/delta_k = {pgd.Preconditioner.ConditionRatio:G4}");
        Assert.Same(Erf, gd.Network.Architecture);
        Assert.True(gd.Converged && pgd.Converged);
        Assert.True(gd.Resolution.IsResolved && gd.Warnings.Count == 0, string.Join("; ", gd.Warnings));
        // The same criteria as the ReLU test (TrainerDynamicsTests): GD within a factor 2 of kernel theory, which a
        // wrong layer factor (sqrt(2/m) instead of 1/sqrt(m)) or erf' would miss, and PGD's speed-up realised.
        Assert.InRange(gd.StepsTaken, gd.PredictedSteps!.Value / 2.0, gd.PredictedSteps.Value * 2.0);
        var predictedSpeedup = (double)gd.PredictedSteps.Value / pgd.PredictedSteps!.Value;
        var speedup = (double)gd.StepsTaken / pgd.StepsTaken;
        Assert.True(speedup >= Math.Min(10, predictedSpeedup / 2), $"speed-up {speedup}, kernel prediction {predictedSpeedup}");
    }

    [Fact]
    public void The_resolution_check_flags_a_degree_the_Erf_width_cannot_resolve()
    {
        // Degree 6's eigenvalue is ~4^-5 of degree 1's: far below the NTK fluctuation of width 512.
        var config = new TrainerConfig { Width = 512, Architecture = Erf, Rank = 13, Steps = 1, Seed = 1 };
        var result = new Trainer(config).Run(CircleProblem.X, CircleProblem.Labels(6));
        output.WriteLine($"unresolved energy {result.Resolution.UnresolvedEnergy:G3}, required width {result.Resolution.RequiredWidth}");
        Assert.False(result.Resolution.IsResolved);
        Assert.True(result.Resolution.RequiredWidth > 512);
        Assert.Contains(result.Warnings, warning => warning.Contains("width", StringComparison.OrdinalIgnoreCase));
    }
}
