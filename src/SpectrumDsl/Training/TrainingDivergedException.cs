using System.Globalization;
using SpectrumDsl.Networks;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>
/// Training diverged (docs/design.md#recovery: a non-finite loss, a hundredfold rise, a rising trend or ten setbacks) under
/// <see cref="DivergencePolicy.Throw"/>. <see cref="Network"/> holds the parameters with the lowest training loss.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    internal TrainingDivergedException(int step, double lastStableLoss, double stepSize, TrainerConfig config, FullyConnectedNetwork network)
        : base(Describe(step, lastStableLoss, stepSize, config))
    {
        Step = step;
        LastStableLoss = lastStableLoss;
        StepSize = stepSize;
        SuggestedLearningRate = Suggest(stepSize);
        Network = network;
    }

    /// <summary>The step at which divergence was detected.</summary>
    public int Step { get; }

    /// <summary>The lowest training loss reached (that of the parameters in <see cref="Network"/>).</summary>
    public double LastStableLoss { get; }

    /// <summary>The step size that diverged.</summary>
    public double StepSize { get; }

    /// <summary>A smaller explicit learning rate to try (a quarter of <see cref="StepSize"/>).</summary>
    public double SuggestedLearningRate { get; }

    /// <summary>The network restored to the parameters with the lowest training loss.</summary>
    public FullyConnectedNetwork Network { get; }

    private static double Suggest(double stepSize) => stepSize / 4;

    // The advice names what the user has not tried: recovery when they chose to throw, a smaller explicit rate otherwise.
    internal static string Describe(int step, double loss, double stepSize, TrainerConfig config)
    {
        var rate = config.LearningRate == 0 ? $"the automatic step {Guard.Format(stepSize)}" : $"step size {Guard.Format(stepSize)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"Training diverged at step {step} with {rate}; the lowest training loss was {Guard.Format(loss)}. Set OnDivergence = Recover to continue with a halved step, or LearningRate = {Guard.Format(Suggest(stepSize))}.");
    }
}
