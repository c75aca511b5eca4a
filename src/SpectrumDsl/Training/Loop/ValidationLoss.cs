using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training.Loop;

/// <summary>1/(2 n_v) ||F(X_v) - Y_v||_F^2 of the network on the held-out validation set, in chunks, allocation-free after construction.</summary>
internal sealed class ValidationLoss(FullyConnectedNetwork network, Matrix<double> points, Matrix<double> labels)
{
    private readonly ChunkedForward forward = new(network, points);
    private readonly double[] outputs = new double[points.RowCount * labels.ColumnCount];
    private readonly double[] targets = labels.AsColumnMajorArray() ?? labels.ToColumnMajorArray();

    public double Measure()
    {
        forward.Outputs(outputs);
        var sum = 0.0;
        for (var i = 0; i < outputs.Length; i++)
        {
            var r = outputs[i] - targets[i];
            sum += r * r;
        }

        return 0.5 * sum / points.RowCount;
    }
}
