namespace SpectrumDsl.Training.Loop;

/// <summary>One update of the parameters: full-batch (<see cref="FullBatchStep"/>) or mini-batch (<see cref="MiniBatch.MiniBatchStep"/>).</summary>
internal interface IStepRule
{
    /// <summary>
    /// True when the update is made from the whole training set's residual: the loop then evaluates the
    /// training set before every step and passes its passes and residual in.
    /// </summary>
    bool UsesFullResidual { get; }

    /// <summary>Applies one update; <paramref name="passes"/> and <paramref name="residual"/> hold the last evaluation.</summary>
    void Step(TrainingSetPasses passes, ReadOnlySpan<double> residual);
}
