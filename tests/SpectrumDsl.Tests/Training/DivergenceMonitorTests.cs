using SpectrumDsl.Kernels;
using SpectrumDsl.Networks;
using SpectrumDsl.Training;
using SpectrumDsl.Training.Loop;

namespace SpectrumDsl.Tests.Training;

/// <summary>The divergence rules on loss sequences given by hand (docs/design.md#recovery), one rule at a time.</summary>
public class DivergenceMonitorTests
{
    private static (DivergenceMonitor Monitor, RunState State) Monitor()
    {
        var network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(1, 1.0), inputDimension: 2, width: 4, seed: 1);
        var state = RunState.Start(network.CopyParameters(), count: 10, stepSize: 1.0);
        return (new DivergenceMonitor(state, network, new TrainerConfig(), []), state);
    }

    // Feeds losses at steps 0, 1, 2, ...; returns the step of the first verdict other than Continue, or null.
    private static int? FirstRecovery(params double[] losses)
    {
        var (monitor, _) = Monitor();
        for (var step = 0; step < losses.Length; step++)
        {
            if (monitor.Observe(step, losses[step]) != DivergenceMonitor.Verdict.Continue)
            {
                return step;
            }
        }

        return null;
    }

    [Fact]
    public void A_loss_that_swings_back_above_twice_its_best_diverges_at_the_tenth_setback()
    {
        // Down to 0.1, then alternating 0.5 / 0.15: never ten rises in a row, never 100x, but every 0.5 is above
        // min(1, 2 * 0.1) = 0.2. The tenth such evaluation is step 2 + 2 * 9 = 20.
        var losses = new List<double> { 1.0, 0.1 };
        for (var i = 0; i < 12; i++)
        {
            losses.AddRange([0.5, 0.15]);
        }

        Assert.Equal(20, FirstRecovery([.. losses]));
    }

    [Fact]
    public void A_noisy_descent_that_stays_within_twice_its_best_never_diverges()
    {
        // Each evaluation rises or falls, the best keeps falling, and no loss exceeds 1.8 times the best before it or
        // the initial loss 2.
        var losses = Enumerable.Range(0, 200).Select(t => t == 0 ? 2.0 : Math.Pow(0.97, t) * (t % 2 == 0 ? 1.0 : 1.8)).ToArray();
        Assert.Null(FirstRecovery(losses));
    }

    [Fact]
    public void A_slow_rise_diverges_after_ten_growths_once_above_twice_the_best_and_an_explosion_at_once()
    {
        // Best 0.1 at step 1, then a rise by 1.2 per step: step 1 + 10 = 11 has grown ten times and is above 0.2.
        Assert.Equal(11, FirstRecovery([1.0, 0.1, .. Enumerable.Range(1, 20).Select(t => 0.1 * Math.Pow(1.2, t))]));
        Assert.Equal(2, FirstRecovery(1.0, 0.5, 101.0));
        Assert.Equal(1, FirstRecovery(1.0, double.NaN));
    }

    [Fact]
    public void A_recovery_restores_the_best_loss_halves_the_step_and_starts_counting_setbacks_again()
    {
        var (monitor, state) = Monitor();
        monitor.Observe(0, 1.0);
        monitor.Observe(1, 0.1);
        var verdicts = Enumerable.Range(2, 10).Select(step => monitor.Observe(step, 0.5)).ToArray();
        Assert.Equal(DivergenceMonitor.Verdict.Recovered, verdicts[^1]);
        Assert.All(verdicts[..^1], verdict => Assert.Equal(DivergenceMonitor.Verdict.Continue, verdict));
        Assert.Equal((0.5, 1, 0), (state.StepSize, state.LastGoodStep, state.Setbacks));
        // Nine more setbacks are not yet a divergence; the tenth is.
        Assert.All(Enumerable.Range(12, 9), step => Assert.Equal(DivergenceMonitor.Verdict.Continue, monitor.Observe(step, 0.5)));
        Assert.Equal(DivergenceMonitor.Verdict.Recovered, monitor.Observe(21, 0.5));
    }
}
