using System.Globalization;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>
/// The step size eta (docs/design.md#step-size): 1 / lambda_max(K S) unless the configuration gives one;
/// gradient descent is stable only for eta &lt; 2 / lambda_max, so an explicit rate at or above that bound is
/// refused unless <see cref="TrainerConfig.AllowUnstableLearningRate"/> asks to study divergence.
/// </summary>
internal static class StepSizeRule
{
    /// <summary>eta for <paramref name="config"/> given lambda_max(K S) of the Gram in use; a warning goes to <paramref name="warnings"/>.</summary>
    public static double Choose(TrainerConfig config, double maxEigenvalue, List<string> warnings)
    {
        var eta = config.LearningRate > 0 ? config.LearningRate : 1.0 / maxEigenvalue;
        if (IsStable(eta, maxEigenvalue))
        {
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
