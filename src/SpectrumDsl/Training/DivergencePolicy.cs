namespace SpectrumDsl.Training;

/// <summary>What a run does when its loss diverges (docs/design.md#recovery).</summary>
public enum DivergencePolicy
{
    /// <summary>
    /// Restore the parameters with the lowest training loss so far, halve the step size, record the change in
    /// <see cref="TrainingResult.StepSizeChanges"/> and the warnings, and continue (the default).
    /// </summary>
    Recover,

    /// <summary>Restore those parameters and throw <see cref="TrainingDivergedException"/>.</summary>
    Throw,
}
