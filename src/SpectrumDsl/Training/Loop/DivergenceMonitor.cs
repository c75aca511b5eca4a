using SpectrumDsl.Networks;

namespace SpectrumDsl.Training.Loop;

/// <summary>
/// Watches the training loss at every evaluation: a non-finite loss, or one that grew for
/// <see cref="GrowthWindow"/> consecutive evaluations and exceeds the initial loss, is divergence. It keeps the
/// last parameters at which the loss did not grow and restores them before throwing.
/// </summary>
internal sealed class DivergenceMonitor(RunState state, FullyConnectedNetwork network, double stepSize)
{
    /// <summary>A loss that rose on this many consecutive evaluations and exceeds the initial loss diverges.</summary>
    public const int GrowthWindow = 10;

    /// <summary>Records the loss of step <paramref name="step"/> (||R||_F = <paramref name="norm"/>); throws on divergence.</summary>
    /// <exception cref="TrainingDivergedException">The network is restored to the last good parameters.</exception>
    public void Observe(int step, double loss, double norm)
    {
        if (step == 0)
        {
            state.InitialLoss = loss;
            state.InitialNorm = norm;
        }

        if (!double.IsFinite(loss))
        {
            Diverge(step);
        }

        state.Growth = loss > state.PreviousLoss ? state.Growth + 1 : 0;
        if (state.Growth >= GrowthWindow && loss > state.InitialLoss)
        {
            Diverge(step);
        }

        if (state.Growth == 0)
        {
            network.CopyParametersTo(state.LastGood);
            state.LastGoodLoss = loss;
        }

        state.PreviousLoss = loss;
    }

    private void Diverge(int step)
    {
        network.RestoreParameters(state.LastGood);
        throw new TrainingDivergedException(step, state.LastGoodLoss, stepSize, stepSize / 4, network);
    }
}
