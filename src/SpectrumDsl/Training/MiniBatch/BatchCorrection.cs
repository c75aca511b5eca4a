using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Msk;

/// <summary>
/// S restricted to a mini-batch through the Nystrom subsample, at the current weights (docs/design.md#mini-batch).
/// The exact construction adds sum_(i,a) c_i J_a^T v_i (V_B^T R_B)[i, a]; its effect on the predictions in the
/// linear regime is K V diag(c) Z with Z = V_B^T R_B, and K V = V diag(delta) for eigenpairs. The Nystrom
/// eigenvectors are V = K(X, X_S) A (A: s x k), and K(X, X_S) = J J_S^T for the network, so the same change of
/// the predictions comes from the parameter step J_S^T W with W = A diag(delta c) Z (s x c): one backpropagation
/// through the s subsample points at the current weights. Nothing parameter-sized is stored beyond the network's
/// own gradient buffers: memory O(n k + s k + s m).
/// </summary>
/// <remarks>
/// With s = n and exact eigenpairs A = V diag(1/delta) and the step is J^T V diag(c) Z, the exact construction
/// at the current weights (identical to it at initialisation). Cost per step: a forward and backward pass over the
/// s subsample points (batches of at least s points keep it below the batch's own cost).
/// </remarks>
internal sealed class SubsampleBatchCorrection : IBatchCorrection
{
    private readonly FullyConnectedNetwork network;
    private readonly Matrix<double> points;      // X_S, s x d
    private readonly double[] coefficients;      // A diag(delta c), s x k column-major
    private readonly double[] vectors;           // V_k, n x k column-major
    private readonly double[] z;                 // Z = V_B^T R_B, k x c
    private readonly double[] weights;           // W, s x c column-major
    private readonly NetworkWorkspace workspace;
    private readonly int count, rank, outputs, subsample;

    public SubsampleBatchCorrection(FullyConnectedNetwork network, SpectralModification modification, Matrix<double> subsamplePoints, Matrix<double> subsampleCoefficients)
    {
        this.network = network;
        points = FullyConnectedNetwork.ToDense(subsamplePoints);
        rank = modification.Rank;
        count = modification.SampleCount;
        outputs = network.OutputCount;
        subsample = points.RowCount;
        var values = modification.Eigenpairs.ValuesView;
        var scales = modification.Scales;
        coefficients = new double[subsample * rank];
        for (var i = 0; i < rank; i++)
        {
            var factor = values[i] * scales[i];
            for (var j = 0; j < subsample; j++)
            {
                coefficients[i * subsample + j] = subsampleCoefficients.At(j, i) * factor;
            }
        }

        vectors = modification.Eigenpairs.VectorsView.SubMatrix(0, count, 0, rank).ToColumnMajorArray();
        z = new double[rank * outputs];
        weights = new double[subsample * outputs];
        workspace = network.CreateWorkspace(subsample);
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, double stepSize)
    {
        Backpropagate(batch, residual);
        network.Descend(workspace, stepSize);
    }

    /// <inheritdoc />
    public void AddTo(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, NetworkWorkspace gradients)
    {
        Backpropagate(batch, residual);
        workspace.AddGradientsTo(gradients, overwrite: false);
    }

    // J_S^T W into the subsample workspace's gradients.
    private void Backpropagate(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual)
    {
        var b = batch.Length;
        Array.Clear(z);
        for (var a = 0; a < outputs; a++)
        {
            for (var j = 0; j < b; j++)
            {
                var r = residual[a * b + j];
                for (var i = 0; i < rank; i++)
                {
                    z[a * rank + i] += vectors[i * count + batch[j]] * r;
                }
            }
        }

        // W = (A diag(delta c)) Z.
        Array.Clear(weights);
        for (var a = 0; a < outputs; a++)
        {
            var column = weights.AsSpan(a * subsample, subsample);
            for (var i = 0; i < rank; i++)
            {
                LinearAlgebra.FastLinearAlgebra.Axpy(z[a * rank + i], coefficients.AsSpan(i * subsample, subsample), column);
            }
        }

        network.Forward(workspace, points);
        network.Backward(workspace, points, weights, gradients: true);
    }
}
