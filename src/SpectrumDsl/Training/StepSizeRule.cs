using System.Globalization;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>
/// The step size eta (docs/design.md#step-size). Automatic: 1 / max(lambda_max(K S), lambda_max(J_0 J_0^T S)),
/// the larger of kernel theory's operator and the network's own at initialisation, so that a finite network whose
/// NTK error is amplified by S still takes stable steps. Gradient descent is stable only for eta &lt; 2 / lambda_max,
/// so an explicit rate at or above kernel theory's bound is refused unless
/// <see cref="TrainerConfig.AllowUnstableLearningRate"/> asks to study divergence, and one above the network's
/// own bound is warned about.
/// </summary>
internal static class StepSizeRule
{
    /// <summary>eta for <paramref name="config"/>; warnings go to <paramref name="warnings"/>.</summary>
    /// <param name="config">The configuration (its LearningRate, 0 for automatic).</param>
    /// <param name="maxEigenvalue">lambda_max(K S) of the Gram in use.</param>
    /// <param name="networkMaxEigenvalue">lambda_max(J_0 J_0^T S) of the network.</param>
    /// <param name="warnings">Receives a warning about an unstable explicit rate.</param>
    public static double Choose(TrainerConfig config, double maxEigenvalue, double networkMaxEigenvalue, List<string> warnings)
    {
        if (config.LearningRate == 0)
        {
            return 1.0 / Math.Max(maxEigenvalue, networkMaxEigenvalue);
        }

        var eta = config.LearningRate;
        if (IsStable(eta, maxEigenvalue))
        {
            if (!IsStable(eta, networkMaxEigenvalue))
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"LearningRate {Guard.Format(eta)} is below kernel theory's bound but above 2/lambda_max = {Guard.Format(2.0 / networkMaxEigenvalue)} of this network's own operator J J^T S at initialisation; the finite network will probably diverge. Use 0 for the automatic {Guard.Format(1.0 / networkMaxEigenvalue)}."));
            }

            return eta;
        }

        if (!config.AllowUnstableLearningRate)
        {
            throw new ArgumentOutOfRangeException(nameof(config.LearningRate), config.LearningRate, string.Create(CultureInfo.InvariantCulture,
                $"LearningRate {Guard.Format(eta)} is at or above the stability bound 2/lambda_max(K S) = {Guard.Format(2.0 / maxEigenvalue)} of the {config.PreconditionerSource} Gram (lambda_max = {Guard.Format(maxEigenvalue)}); training would diverge. Use a LearningRate below {Guard.Format(2.0 / maxEigenvalue)}, 0 for the automatic {Guard.Format(1.0 / maxEigenvalue)}, or set AllowUnstableLearningRate to study divergence."));
        }

        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"LearningRate {eta:R} is above the stability bound 2/lambda_max = {2.0 / maxEigenvalue:R} of the Gram in use; kernel theory predicts divergence."));
        return eta;
    }

    /// <summary>True when kernel gradient descent with step <paramref name="eta"/> contracts every direction.</summary>
    public static bool IsStable(double eta, double maxEigenvalue) => eta * maxEigenvalue < 2.0;
}
