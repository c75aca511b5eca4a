using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Regression;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// How a run steps, chosen once from the measured <see cref="OperatorBounds"/> (docs/design.md#step-size): the step size
/// (<see cref="StepSizeRule"/>), the heavy-ball momentum (<see cref="MomentumRule"/>), the steps kernel theory predicts
/// and the warnings the choice raised.
/// </summary>
/// <param name="StepSize">eta.</param>
/// <param name="Momentum">mu (0: none).</param>
/// <param name="PredictedSteps">Kernel gradient descent's steps to the tolerance, or null.</param>
/// <param name="PredictionIsLowerBound">True when the prediction used only the top eigenpairs.</param>
/// <param name="Warnings">Warnings about the chosen rate or momentum.</param>
internal sealed record StepPlan(double StepSize, double Momentum, int? PredictedSteps, bool PredictionIsLowerBound, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The relative residual automatic momentum tunes for when Tolerance is 0 (the whole budget): directions holding less
    /// than sqrt(machine epsilon) of the residual are below what double precision resolves in it.
    /// </summary>
    public const double BudgetTolerance = 1.5e-8;

    /// <summary>The plan for <paramref name="config"/> on a spectrum with operator bounds <paramref name="bounds"/> and initial residual <paramref name="r0"/>.</summary>
    public static StepPlan Choose(TrainerConfig config, OperatorBounds bounds, TrainingSpectrum spectrum, Func<double, KernelGradientDescent> kernelTheory,
        Matrix<double> r0, bool miniBatch, SetupClock clock)
    {
        var warnings = new List<string>();
        // Kernel theory at its own stable step; the run's step and momentum are applied to it below.
        var theory = kernelTheory(1.0 / spectrum.MaxEigenvalueOfKS);
        var mu = MomentumRule.Resolve(config, bounds.Kernel, bounds.Network, () => theory.SmallestRateThatMatters(r0, Math.Max(config.Tolerance, BudgetTolerance)), warnings);
        var eta = StepSizeRule.Choose(config, bounds.Kernel, bounds.Network, mu, warnings);
        // Kernel theory predicts full-batch descent: an automatic mini-batch step is replaced by the full-batch 1 / lambda_max.
        var predictionStep = miniBatch && config.LearningRate == 0 ? 1.0 / bounds.FullBatch : eta;
        var kernelDescent = HeavyBall.IsStable(predictionStep, mu, spectrum.MaxEigenvalueOfKS)
            ? theory.WithMomentum(mu, predictionStep)
            : null;
        // Tolerance 0 asks for the whole budget: there is no step count to predict.
        var predicted = config.Tolerance == 0 ? null : clock.Time("kernel prediction", () => kernelDescent?.StepsToTolerance(r0, config.Tolerance, config.Steps));
        return new StepPlan(eta, mu, predicted, kernelDescent?.IsLowerBound ?? false, warnings);
    }
}
