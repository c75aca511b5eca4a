namespace SpectrumDsl.Training;

/// <summary>Why a training run stopped.</summary>
public enum StopReason
{
    /// <summary>||R_t||_F &lt;= Tolerance ||R_0||_F: converged.</summary>
    Tolerance,

    /// <summary>The training accuracy reached <see cref="TrainerConfig.StopAtTrainAccuracy"/>.</summary>
    TrainAccuracy,

    /// <summary>The test accuracy reached <see cref="TrainerConfig.StopAtTestAccuracy"/>.</summary>
    TestAccuracy,

    /// <summary>The step budget <see cref="TrainerConfig.Steps"/> was spent.</summary>
    StepBudget,

    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,

    /// <summary>The validation loss did not improve for <see cref="TrainerConfig.Patience"/> records (early stopping).</summary>
    Patience,

    /// <summary>
    /// The loss kept diverging after <c>DivergenceMonitor.MaxReductions</c> halvings of the step under
    /// <see cref="DivergencePolicy.Recover"/>; the network holds the parameters with the lowest training loss.
    /// </summary>
    Diverged,
}
