using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training.MiniBatch;

/// <summary>
/// S restricted to a mini-batch at the current weights (EigenPro's construction, docs/design.md#mini-batch). S adds
/// sum_(i,a) c_i J_a^T v_i (V_B^T R_B)[i, a] to the batch gradient; in the linear regime its effect on the predictions
/// is K V diag(c) Z with Z = V_B^T R_B, and K V = V diag(delta) for eigenpairs. Writing the eigenvectors as
/// V = K(X, X_S) A (A: s x k) and K(X, X_S) = J J_S^T for the network, the same change of the predictions comes from
/// the parameter step J_S^T W with W = A diag(delta c) Z (s x c): one backpropagation through the s points X_S at the
/// current weights. Nothing parameter-sized is stored beyond the network's own gradient buffers.
/// </summary>
/// <remarks>
/// Taken at the current weights on both paths: flattening cancels delta_1 down to delta_k (ratios of hundreds), so a
/// correction frozen at J_0 while J_t moves leaves a residue of delta_1 times the kernel's relative drift, enough to
/// exceed delta_k and make the batch step diverge. On the exact path X_S = X and A = V diag(1/delta) (the correction
/// costs one pass over the n training points per step); on the Nystrom path X_S is the subsample and A its
/// coefficients (one pass over s points).
/// </remarks>
internal sealed class BatchCorrection
{
    private readonly FullyConnectedNetwork network;
    private readonly Matrix<double> points;      // X_S, s x d
    private readonly double[] coefficients;      // A diag(delta c), s x k column-major
    private readonly double[] vectors;           // V_k, n x k column-major
    private readonly double[] z;                 // Z = V_B^T R_B, k x c
    private readonly double[] weights;           // W, s x c column-major
    private readonly NetworkWorkspace workspace;
    private readonly int count, rank, outputs, subsample;

    private BatchCorrection(FullyConnectedNetwork network, SpectralModification modification, Matrix<double> subsamplePoints, Func<int, int, double> scaledCoefficient)
    {
        this.network = network;
        points = FullyConnectedNetwork.ToDense(subsamplePoints);
        rank = modification.Rank;
        count = modification.SampleCount;
        outputs = network.OutputCount;
        subsample = points.RowCount;
        coefficients = new double[subsample * rank];
        for (var i = 0; i < rank; i++)
        {
            for (var j = 0; j < subsample; j++)
            {
                coefficients[i * subsample + j] = scaledCoefficient(j, i);
            }
        }

        vectors = modification.Eigenpairs.VectorsView.SubMatrix(0, count, 0, rank).ToColumnMajorArray();
        z = new double[rank * outputs];
        weights = new double[subsample * outputs];
        workspace = network.CreateWorkspace(subsample);
    }

    /// <summary>Through the Nystrom subsample <paramref name="subsamplePoints"/> with V = K(X, X_S) <paramref name="subsampleCoefficients"/>.</summary>
    public static BatchCorrection ThroughSubsample(FullyConnectedNetwork network, SpectralModification modification, Matrix<double> subsamplePoints,
        Matrix<double> subsampleCoefficients)
    {
        var values = modification.Eigenpairs.ValuesView;
        var scales = modification.Scales;
        return new BatchCorrection(network, modification, subsamplePoints, (j, i) => subsampleCoefficients.At(j, i) * (values[i] * scales[i]));
    }

    /// <summary>Through all n training points <paramref name="points"/> (the exact path): A diag(delta c) = V diag(c).</summary>
    public static BatchCorrection ThroughTrainingSet(FullyConnectedNetwork network, SpectralModification modification, Matrix<double> points)
    {
        var vectors = modification.Eigenpairs.VectorsView;
        var scales = modification.Scales;
        return new BatchCorrection(network, modification, points, (j, i) => vectors.At(j, i) * scales[i]);
    }

    /// <summary>
    /// w -= <paramref name="stepSize"/> times the correction for the batch <paramref name="batch"/> (indices into the
    /// training set) with residual <paramref name="residual"/> (b x c, column-major); allocation-free.
    /// </summary>
    public void Apply(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, double stepSize)
    {
        Backpropagate(batch, residual);
        network.Descend(workspace, stepSize);
    }

    /// <summary>
    /// Adds the correction for <paramref name="batch"/> with residual <paramref name="residual"/> to the gradients in
    /// <paramref name="gradients"/>, leaving the parameters alone: the batch operator's product; allocation-free.
    /// </summary>
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
