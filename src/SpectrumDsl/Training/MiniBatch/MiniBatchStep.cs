using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Training.Loop;

namespace SpectrumDsl.Training.MiniBatch;

/// <summary>
/// One step on the next b points of the batch order: w &lt;- w - eta [J_B^T R_B + correction], the correction
/// being S restricted to the batch (<see cref="BatchCorrection"/>, PGD) or nothing (GD). Both gradients are taken
/// at the same weights: the batch's is backpropagated before the correction moves them.
/// </summary>
internal sealed class MiniBatchStep : IStepRule
{
    private readonly FullyConnectedNetwork network;
    private readonly double[] points;
    private readonly double[] labels;
    private readonly int count;
    private readonly BatchOrder order;
    private readonly BatchCorrection? correction;
    private readonly RunState state;
    private readonly NetworkWorkspace batch;
    private readonly int[] indices;
    private readonly double[] residual;

    public MiniBatchStep(FullyConnectedNetwork network, Matrix<double> points, Matrix<double> labels, int batchSize, BatchOrder order,
        BatchCorrection? correction, RunState state)
    {
        this.network = network;
        this.points = points.AsColumnMajorArray() ?? points.ToColumnMajorArray();
        this.labels = labels.AsColumnMajorArray() ?? labels.ToColumnMajorArray();
        count = points.RowCount;
        this.order = order;
        this.correction = correction;
        this.state = state;
        batch = network.CreateWorkspace(batchSize);
        indices = new int[batchSize];
        residual = new double[batchSize * network.OutputCount];
    }

    public bool UsesFullResidual => false;

    public void Step(TrainingSetPasses passes, ReadOnlySpan<double> fullResidual)
    {
        order.Next(indices);
        var b = indices.Length;
        var input = NetworkMath.Data(batch.Input);
        var d = network.InputDimension;
        for (var c = 0; c < d; c++)
        {
            for (var j = 0; j < b; j++)
            {
                input[c * b + j] = points[c * count + indices[j]];
            }
        }

        network.Forward(batch, batch.Input);
        Residuals.Subtract(batch.Output, labels, count, indices, residual);
        network.Backward(batch, batch.Input, residual, gradients: true);
        correction?.Apply(indices, residual, state.StepSize);
        network.Descend(batch, state.StepSize);
    }
}
