using System.Globalization;
using SpectrumDsl.Networks;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training.Loop;

/// <summary>
/// Watches the training loss at every evaluation and keeps the parameters with the lowest loss so far. The loss
/// diverges when it is not finite, when it exceeds <see cref="ExplosionFactor"/> times the initial loss, or when it grew
/// at <see cref="GrowthWindow"/> consecutive evaluations and stands above the initial loss or <see cref="RiseFactor"/>
/// times the best, or when it has stood above that same level at <see cref="GrowthWindow"/> evaluations since the start
/// or the last recovery: a swinging loss forms no trend but loses what the run had gained (docs/design.md#recovery). Then the best parameters
/// are restored and, under <see cref="DivergencePolicy.Recover"/>, the step size is halved and the run continues (after
/// <see cref="MaxReductions"/> halvings it ends there, <see cref="StopReason.Diverged"/>); under
/// <see cref="DivergencePolicy.Throw"/> it throws.
/// </summary>
internal sealed class DivergenceMonitor(RunState state, FullyConnectedNetwork network, TrainerConfig config, List<string> warnings)
{
    /// <summary>Growth on this many consecutive evaluations is a trend, not one batch's noise or a momentum swing.</summary>
    public const int GrowthWindow = 10;

    /// <summary>A growing loss this far above the best so far is diverging even while below the initial loss (a late divergence).</summary>
    public const double RiseFactor = 2.0;

    /// <summary>A loss this many times the initial one has diverged, whatever its trend: an unstable step grows it geometrically, so waiting costs steps.</summary>
    public const double ExplosionFactor = 100.0;

    /// <summary>Each recovery multiplies the step size by this.</summary>
    public const double Reduction = 0.5;

    /// <summary>After this many halvings (eta / 10^6) the run ends with its best parameters: no stable step is near the one chosen.</summary>
    public const int MaxReductions = 20;

    /// <summary>
    /// Records the loss of step <paramref name="step"/>. <see cref="Verdict.Recovered"/>: the best parameters are restored
    /// and the step size reduced; <see cref="Verdict.GiveUp"/>: the best parameters are restored and the run must end
    /// (the caller evaluates the training set again in both cases).
    /// </summary>
    /// <exception cref="TrainingDivergedException">Divergence under <see cref="DivergencePolicy.Throw"/>; the network holds the best parameters.</exception>
    public Verdict Observe(int step, double loss)
    {
        if (step == 0)
        {
            state.InitialLoss = loss;
        }

        state.Growth = loss > state.PreviousLoss ? state.Growth + 1 : 0;
        state.Setbacks += loss > Math.Min(state.InitialLoss, RiseFactor * state.LastGoodLoss) ? 1 : 0;
        state.PreviousLoss = loss;
        if (loss < state.LastGoodLoss)
        {
            network.CopyParametersTo(state.LastGood);
            state.LastGoodLoss = loss;
            state.LastGoodStep = step;
        }

        var diverging = !double.IsFinite(loss)
            || loss > ExplosionFactor * state.InitialLoss
            || (state.Growth >= GrowthWindow && loss > Math.Min(state.InitialLoss, RiseFactor * state.LastGoodLoss))
            || state.Setbacks >= GrowthWindow;
        if (!diverging)
        {
            return Verdict.Continue;
        }

        network.RestoreParameters(state.LastGood);
        if (config.OnDivergence == DivergencePolicy.Throw)
        {
            throw new TrainingDivergedException(step, state.LastGoodLoss, state.StepSize, config, network);
        }

        if (state.StepSizeChanges.Count >= MaxReductions)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"The training loss diverged again at step {step} after {MaxReductions} halvings of the step (now {Guard.Format(state.StepSize)}); the run ends with the parameters of step {state.LastGoodStep} (loss {Guard.Format(state.LastGoodLoss)}). No stable step is near the one chosen: check the data for non-finite or extreme values (Preprocessor.Fit scales features), or lower Rank or raise Width."));
            return Verdict.GiveUp;
        }

        var reduced = state.StepSize * Reduction;
        state.StepSizeChanges.Add(new StepSizeChange(step, state.LastGoodStep, state.StepSize, reduced, loss));
        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"The training loss diverged at step {step} ({Guard.Format(loss)}) with step size {Guard.Format(state.StepSize)}; continued from step {state.LastGoodStep} (loss {Guard.Format(state.LastGoodLoss)}) with step size {Guard.Format(reduced)}. Set OnDivergence = Throw to stop instead."));
        state.StepSize = reduced;
        state.Growth = 0;
        state.Setbacks = 0;
        state.PreviousLoss = state.LastGoodLoss;
        // Heavy ball's velocity belongs to the diverging trajectory; the continuation starts at rest.
        state.PreviousParameters = [];
        return Verdict.Recovered;
    }

    /// <summary>What <see cref="Observe"/> found.</summary>
    public enum Verdict
    {
        /// <summary>The loss is not diverging.</summary>
        Continue,

        /// <summary>The best parameters were restored and the step size halved.</summary>
        Recovered,

        /// <summary>The best parameters were restored after the last allowed halving: the run ends.</summary>
        GiveUp,
    }
}
