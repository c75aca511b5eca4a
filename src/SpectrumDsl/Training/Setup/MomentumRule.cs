using SpectrumDsl.Regression;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// The heavy-ball mu a run uses (docs/design.md#momentum): <see cref="TrainerConfig.Momentum"/> when it is 0 or a fixed
/// value, Polyak's mu for [l, L] when it is <see cref="TrainerConfig.AutomaticMomentum"/>. L is the step rule's
/// (<see cref="StepSizeRule.Largest"/>); l is the smallest eigenvalue of K S that matters for this run's residual and
/// tolerance (<see cref="KernelGradientDescent.SmallestRateThatMatters"/>): directions below it hold at most
/// Tolerance^2 of ||R_0||^2 and need not be learned, so tuning for them would only slow the rest.
/// </summary>
internal static class MomentumRule
{
    /// <summary>mu for <paramref name="config"/>; <paramref name="smallestThatMatters"/> is evaluated only for automatic momentum.</summary>
    public static double Resolve(TrainerConfig config, double maxEigenvalue, double networkMaxEigenvalue, Func<double> smallestThatMatters, List<string> warnings)
    {
        if (config.Momentum != TrainerConfig.AutomaticMomentum)
        {
            return config.Momentum;
        }

        var smallest = smallestThatMatters();
        var largest = StepSizeRule.Largest(maxEigenvalue, networkMaxEigenvalue, momentum: 1);
        if (!(smallest > 0))
        {
            warnings.Add("Automatic momentum found no positive eigenvalue that matters for this residual; training without momentum.");
            return 0;
        }

        // An explicit LearningRate is kept and checked against this mu's bound by the step rule.
        return HeavyBall.Optimal(largest, smallest).Momentum;
    }
}
