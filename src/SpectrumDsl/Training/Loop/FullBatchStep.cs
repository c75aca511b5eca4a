using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training.Loop;

/// <summary>
/// w &lt;- w - eta J^T vec(S R) + mu (w - w_prev) (S = I for plain gradient descent, mu = 0 without momentum), S applied
/// column by column. w_prev lives in the <see cref="RunState"/>, so a checkpoint carries it; the first step has none
/// (w_prev = w_0), which gives heavy ball's r_1 = (I - eta K S) r_0. eta is the state's (halved by recoveries).
/// </summary>
internal sealed class FullBatchStep(FullyConnectedNetwork network, Matrix<double> points, Preconditioner? preconditioner, double momentum, RunState state) : IStepRule
{
    private readonly double[] direction = new double[points.RowCount * network.OutputCount];
    private readonly double[] current = momentum > 0 ? new double[network.ParameterCount] : [];

    public bool UsesFullResidual => true;

    public void Step(TrainingSetPasses passes, ReadOnlySpan<double> residual)
    {
        var n = points.RowCount;
        if (preconditioner is null)
        {
            residual.CopyTo(direction);
        }
        else
        {
            for (var a = 0; a < network.OutputCount; a++)
            {
                preconditioner.Apply(residual.Slice(a * n, n), direction.AsSpan(a * n, n));
            }
        }

        var stepSize = state.StepSize;
        if (momentum == 0)
        {
            passes.Descend(direction, stepSize);
            return;
        }

        network.CopyParametersTo(current);
        passes.Descend(direction, stepSize);
        var previous = state.PreviousParameters;
        if (previous.Length == current.Length)
        {
            // previous <- w_t - w_(t-1), then w += mu (w_t - w_(t-1)); previous becomes w_t for the next step.
            for (var i = 0; i < current.Length; i++)
            {
                previous[i] = current[i] - previous[i];
            }

            network.AddFlat(previous, momentum);
            current.CopyTo(previous, 0);
        }
        else
        {
            state.PreviousParameters = (double[])current.Clone();
        }
    }
}
