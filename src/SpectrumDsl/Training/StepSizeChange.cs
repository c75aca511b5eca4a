namespace SpectrumDsl.Training;

/// <summary>One recovery from divergence (<see cref="DivergencePolicy.Recover"/>): the step size was reduced and the run continued from its best parameters.</summary>
/// <param name="Step">The step at which divergence was detected.</param>
/// <param name="RestoredStep">The step whose parameters (the lowest training loss so far) the run continued from.</param>
/// <param name="From">The step size that diverged.</param>
/// <param name="To">The step size used from then on.</param>
/// <param name="Loss">The training loss that triggered the recovery (may be infinite or NaN).</param>
public sealed record StepSizeChange(int Step, int RestoredStep, double From, double To, double Loss);
