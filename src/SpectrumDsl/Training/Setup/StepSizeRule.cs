using System.Globalization;
using SpectrumDsl.Regression;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// The step size eta (docs/design.md#step-size). Automatic: (1 + sqrt(mu))^2 / L with L = max(lambda_max(K S),
/// lambda_max(J_0 J_0^T S)), the larger of kernel theory's operator and the network's own at initialisation, so that a
/// finite network whose NTK error is amplified by S still takes stable steps; that is 1 / L without momentum
/// (mu = 0). Descent with momentum mu is stable only for eta &lt; 2 (1 + mu) / lambda_max, so an explicit rate at or
/// above kernel theory's bound is refused unless <see cref="TrainerConfig.AllowUnstableLearningRate"/> asks to study
/// divergence, and one above the network's own bound is warned about.
/// </summary>
internal static class StepSizeRule
{
    /// <summary>
    /// With momentum L is raised by this factor: Polyak's step puts the top direction within (1 - sqrt(mu))^2 of its
    /// stability bound (0.08 % at mu = 0.9), and the Lanczos estimate approaches lambda_net from below, so an estimate a few
    /// per mille low would otherwise make the top direction grow. 10 % keeps eta lambda_max 9 % inside the bound.
    /// </summary>
    public const double HeavyBallMargin = 1.1;

    /// <summary>The L the automatic step and momentum are chosen for: the larger operator, raised by the margin with momentum.</summary>
    public static double Largest(double maxEigenvalue, double networkMaxEigenvalue, double momentum) =>
        Math.Max(maxEigenvalue, networkMaxEigenvalue) * (momentum > 0 ? HeavyBallMargin : 1.0);

    /// <summary>eta for <paramref name="config"/> with momentum <paramref name="momentum"/>; warnings go to <paramref name="warnings"/>.</summary>
    /// <param name="config">The configuration (its LearningRate, 0 for automatic).</param>
    /// <param name="maxEigenvalue">lambda_max(K S) of the Gram in use.</param>
    /// <param name="networkMaxEigenvalue">lambda_max(J_0 J_0^T S) of the network.</param>
    /// <param name="momentum">The heavy-ball mu the run uses (0 for none; see <see cref="MomentumRule"/>).</param>
    /// <param name="warnings">Receives a warning about an unstable explicit rate.</param>
    public static double Choose(TrainerConfig config, double maxEigenvalue, double networkMaxEigenvalue, double momentum, List<string> warnings)
    {
        if (config.LearningRate == 0)
        {
            return HeavyBall.StepFor(momentum, Largest(maxEigenvalue, networkMaxEigenvalue, momentum));
        }

        var eta = config.LearningRate;
        var kernelBound = HeavyBall.StepBound(momentum, maxEigenvalue);
        if (HeavyBall.IsStable(eta, momentum, maxEigenvalue))
        {
            if (!HeavyBall.IsStable(eta, momentum, networkMaxEigenvalue))
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"LearningRate {Guard.Format(eta)} is below kernel theory's bound but above 2 (1 + mu) / lambda_max = {Guard.Format(HeavyBall.StepBound(momentum, networkMaxEigenvalue))} of this network's own operator J J^T S at initialisation (mu = {Guard.Format(momentum)}); the finite network will probably diverge. Use 0 for the automatic {Guard.Format(HeavyBall.StepFor(momentum, Largest(maxEigenvalue, networkMaxEigenvalue, momentum)))}."));
            }

            return eta;
        }

        if (!config.AllowUnstableLearningRate)
        {
            throw new ArgumentOutOfRangeException(nameof(config.LearningRate), config.LearningRate, string.Create(CultureInfo.InvariantCulture,
                $"LearningRate {Guard.Format(eta)} is at or above the stability bound {BoundText(momentum)} = {Guard.Format(kernelBound)} of the {config.PreconditionerSource} Gram (lambda_max = {Guard.Format(maxEigenvalue)}); training would diverge. Use a LearningRate below {Guard.Format(kernelBound)}, 0 for the automatic {Guard.Format(HeavyBall.StepFor(momentum, maxEigenvalue))}, or set AllowUnstableLearningRate to study divergence."));
        }

        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"LearningRate {eta:R} is above the stability bound {BoundText(momentum)} = {kernelBound:R} of the Gram in use; kernel theory predicts divergence."));
        return eta;
    }

    // Plain descent's bound, or with momentum the heavy-ball one naming mu.
    private static string BoundText(double momentum) => momentum == 0
        ? "2/lambda_max(K S)"
        : $"2 (1 + mu) / lambda_max(K S) with mu = {Guard.Format(momentum)}";
}
