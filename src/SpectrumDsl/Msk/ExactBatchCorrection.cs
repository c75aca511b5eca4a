using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Msk;

/// <summary>
/// S restricted to a mini-batch for a network on the exact path (EigenPro's construction, docs/design.md#mini-batch):
/// with the top-k eigenpairs (delta_i, v_i), c_i = n g_i / delta_i - 1 and Q_(i,a) = c_i J_(0,a)^T v_i
/// (k c parameter-space vectors, made once at initialisation by k c backpropagations), the correction of a
/// step on batch B with residual R_B is sum_(i,a) Q_(i,a) (V_(k,B)^T R_B)[i, a], where V_(k,B) holds the rows
/// of V_k at the batch points: the Nystrom eigenfunctions phi_i(x_j) = sqrt(n) v_i[j] on the batch over sqrt(n).
/// </summary>
/// <remarks>
/// Memory k c parameter vectors: refused when that does not fit (the Nystrom path's <see cref="SubsampleBatchCorrection"/> does not store them).
/// In the linear (wide) regime the predictions on all training points then change by -eta (K S)[:, B] R_B,
/// because J_B J_0^T V_k = (K V_k)[B] = V_(k,B) diag(delta): stochastic kernel gradient descent with K S.
/// </remarks>
internal sealed class ExactBatchCorrection : IBatchCorrection
{
    private readonly double[][] q;         // q[i * c + a] = Q_(i,a)
    private readonly double[] vectors;     // V_k, n x k column-major
    private readonly double[] coefficients;
    private readonly double[] update;
    private readonly FullyConnectedNetwork network;
    private readonly int count, rank, outputs;

    private ExactBatchCorrection(FullyConnectedNetwork network, double[][] q, double[] vectors, int count, int rank, int outputs)
    {
        this.network = network;
        update = new double[network.ParameterCount];
        this.q = q;
        this.vectors = vectors;
        this.count = count;
        this.rank = rank;
        this.outputs = outputs;
        coefficients = new double[rank * outputs];
    }

    /// <summary>Q from <paramref name="network"/> at its current (initial) parameters on the training points.</summary>
    /// <exception cref="ArgumentException">Q would not fit in half the memory available to the process.</exception>
    public static ExactBatchCorrection Create(FullyConnectedNetwork network, Matrix<double> points, SpectralModification modification, string batchSetting)
    {
        var n = points.RowCount;
        var k = modification.Rank;
        var c = network.OutputCount;
        var bytes = (double)k * c * network.ParameterCount * sizeof(double);
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2.0;
        if (bytes > available)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Mini-batch PGD stores k c = {k * c} parameter-sized vectors ({bytes / 1e9:G3} GB for {network.ParameterCount} parameters), more than half the memory available ({available * 2 / 1e9:G3} GB). Use Path = Nystrom (its correction goes through the subsample and stores none of them), full batch ({batchSetting} = 0), or a smaller Rank or width."),
                batchSetting);
        }

        var eigenvectors = modification.Eigenpairs.VectorsView;
        var scales = modification.Scales;
        var q = new double[k * c][];
        var weights = Matrix<double>.Build.Dense(n, c);
        for (var i = 0; i < k; i++)
        {
            for (var a = 0; a < c; a++)
            {
                weights.Clear();
                weights.SetColumn(a, eigenvectors.Column(i));
                q[i * c + a] = (network.Gradient(points, weights) * scales[i]).ToArray();
            }
        }

        var vectors = eigenvectors.SubMatrix(0, n, 0, k).ToColumnMajorArray();
        return new ExactBatchCorrection(network, q, vectors, n, k, c);
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, double stepSize)
    {
        Compute(batch, residual, update);
        network.AddFlat(update, -stepSize);
    }

    /// <inheritdoc />
    public void AddTo(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, Networks.NetworkWorkspace gradients)
    {
        Compute(batch, residual, update);
        network.AddFlatToGradients(update, gradients);
    }

    /// <summary>The flat parameter correction for the batch <paramref name="batch"/> with residual <paramref name="residual"/> (b x c, column-major); allocation-free.</summary>
    private void Compute(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, Span<double> correction)
    {
        var b = batch.Length;
        Array.Clear(coefficients);
        for (var a = 0; a < outputs; a++)
        {
            for (var j = 0; j < b; j++)
            {
                var r = residual[a * b + j];
                for (var i = 0; i < rank; i++)
                {
                    coefficients[i * outputs + a] += vectors[i * count + batch[j]] * r;
                }
            }
        }

        correction.Clear();
        for (var index = 0; index < q.Length; index++)
        {
            var weight = coefficients[index];
            var column = q[index];
            for (var p = 0; p < correction.Length; p++)
            {
                correction[p] += weight * column[p];
            }
        }
    }
}
