using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Tests.Support;

/// <summary>Steady-state allocation of a repeated action on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// The fewest bytes one round of <paramref name="stepsPerRound"/> calls allocated, over
    /// <paramref name="rounds"/> rounds after a warm-up. The tiered JIT compiles hot loops (on-stack
    /// replacement) synchronously on this thread, which shows up in some rounds; an allocation in
    /// the action itself shows up in every round, so the minimum isolates it.
    /// </summary>
    public static long PerRoundMinimum(Action action, int warmUp = 30, int rounds = 5, int stepsPerRound = 5)
    {
        for (var i = 0; i < warmUp; i++)
        {
            action();
        }

        var fewest = long.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < stepsPerRound; i++)
            {
                action();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }

    /// <summary>
    /// <see cref="PerRoundMinimum"/> for one full training step of <paramref name="network"/> on
    /// <paramref name="x"/> (forward pass, backpropagation of the constant residual <paramref name="residualValue"/>, update) with
    /// buffers from a workspace made once beforehand.
    /// </summary>
    public static long OfTrainingStep(FullyConnectedNetwork network, Matrix<double> x, double residualValue, double rate, int warmUp = 30, int rounds = 5, int stepsPerRound = 5)
    {
        var workspace = network.CreateWorkspace(x.RowCount);
        var residual = new double[x.RowCount * network.OutputCount];
        Array.Fill(residual, residualValue);
        return PerRoundMinimum(() =>
        {
            network.Forward(workspace, x);
            network.Backward(workspace, x, residual, gradients: true);
            network.Descend(workspace, rate);
        }, warmUp, rounds, stepsPerRound);
    }
}
