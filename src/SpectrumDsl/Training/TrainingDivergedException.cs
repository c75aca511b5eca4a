using SpectrumDsl.Networks;

namespace SpectrumDsl.Training;

/// <summary>
/// Training diverged (a non-finite loss, or a loss that grew for many consecutive steps above the
/// initial loss). <see cref="Network"/> holds the parameters of the last stable step.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    internal TrainingDivergedException(int step, double lastStableLoss, double stepSize, double suggested, FullyConnectedNetwork network)
        : base($"Training diverged at step {step} with step size {Validation.Guard.Format(stepSize)}; the last stable training loss was {Validation.Guard.Format(lastStableLoss)}. Try LearningRate = {Validation.Guard.Format(suggested)} (or 0 for the automatic 1/lambda_max).")
    {
        Step = step;
        LastStableLoss = lastStableLoss;
        StepSize = stepSize;
        SuggestedLearningRate = suggested;
        Network = network;
    }

    /// <summary>The step at which divergence was detected.</summary>
    public int Step { get; }

    /// <summary>The training loss of the last stable step.</summary>
    public double LastStableLoss { get; }

    /// <summary>The step size that diverged.</summary>
    public double StepSize { get; }

    /// <summary>A smaller step size to try.</summary>
    public double SuggestedLearningRate { get; }

    /// <summary>The network restored to the last stable parameters.</summary>
    public FullyConnectedNetwork Network { get; }
}
