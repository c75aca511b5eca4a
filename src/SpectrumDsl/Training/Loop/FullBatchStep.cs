using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training.Loop;

/// <summary>w &lt;- w - eta J^T vec(S R) (S = I for plain gradient descent), S applied column by column.</summary>
internal sealed class FullBatchStep(FullyConnectedNetwork network, Matrix<double> points, Preconditioner? preconditioner, double stepSize) : IStepRule
{
    private readonly double[] direction = new double[points.RowCount * network.OutputCount];

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

        passes.Descend(direction, stepSize);
    }
}
