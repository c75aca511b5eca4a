using SpectrumDsl.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Spectra;

/// <summary>
/// Descending eigenpairs (delta_i, v_i) of a symmetric n x n Gram matrix, with the
/// operator-scale eigenvalues lambda_i = delta_i / n (docs/design.md#notation).
/// </summary>
public sealed class EigenDecomposition
{
    private readonly double[] values;
    private readonly Matrix<double> vectors;
    private readonly int sampleCount;
    // K V for an n-row block V: a product with the dense source matrix, or (Nystrom) a chunked
    // product through the kernel that never holds the n x n Gram.
    private readonly Func<Matrix<double>, Matrix<double>> applySource;
    private double[]? residuals;

    internal EigenDecomposition(Matrix<double> source, double[] values, Matrix<double> vectors)
        : this(source.RowCount, block => SpectrumDsl.LinearAlgebra.FastLinearAlgebra.Multiply(source, block), values, vectors)
    {
    }

    /// <summary>Eigenpairs of a matrix known only through its product with an n-row block (<paramref name="applySource"/>).</summary>
    internal EigenDecomposition(int sampleCount, Func<Matrix<double>, Matrix<double>> applySource, double[] values, Matrix<double> vectors)
    {
        this.sampleCount = sampleCount;
        this.applySource = applySource;
        this.values = values;
        this.vectors = vectors;
    }

    /// <summary>Eigenpairs kept without their source (read back from a checkpoint): residuals cannot be recomputed.</summary>
    internal static EigenDecomposition Detached(int sampleCount, double[] values, Matrix<double> vectors, bool isApproximate, double nextValue = double.NaN) =>
        new(sampleCount, _ => throw new InvalidOperationException("These eigenpairs were restored without the matrix they came from; their residuals cannot be recomputed."), values, vectors)
        {
            IsApproximate = isApproximate,
            NextValue = nextValue,
        };

    /// <summary>n, the size of the decomposed matrix.</summary>
    public int SampleCount => sampleCount;

    /// <summary>How many eigenpairs are held (k for a top-k decomposition, n for a full one).</summary>
    public int Count => values.Length;

    /// <summary>Gram-scale eigenvalues delta_1 &gt;= delta_2 &gt;= ...</summary>
    public IReadOnlyList<double> Values => values;

    /// <summary>Operator-scale eigenvalues lambda_i = delta_i / n.</summary>
    public IReadOnlyList<double> OperatorValues => Array.ConvertAll(values, value => value / SampleCount);

    /// <summary>The eigenvectors as unit columns, in the order of <see cref="Values"/> (a copy).</summary>
    public Matrix<double> Vectors => vectors.Clone();

    /// <summary>The eigenvectors without copying, for the library's hot paths; never mutated.</summary>
    internal Matrix<double> VectorsView => vectors;

    /// <summary>Gram-scale eigenvalues without copying.</summary>
    internal double[] ValuesView => values;

    /// <summary>The i-th eigenvector (0-based), a copy.</summary>
    public Vector<double> Vector(int index)
    {
        Guard.InRange(index, 0, Count - 1, nameof(index), "Eigenvectors are indexed from 0, largest eigenvalue first.");
        return vectors.Column(index);
    }

    /// <summary>
    /// ||K v_i - delta_i v_i|| for every held pair, computed on first use (one product with the
    /// source matrix): how far each pair is from exact. For Nystrom eigenpairs
    /// (<see cref="IsApproximate"/>) K V is computed from the kernel in row chunks, O(n^2 d + n^2 k)
    /// time but only O(chunk n) memory: the n x n Gram is never allocated.
    /// </summary>
    public IReadOnlyList<double> Residuals => residuals ??= ComputeResiduals();

    /// <summary>
    /// delta_(k+1) when the solver knows it (the next eigenvalue of a full decomposition, or the next
    /// Ritz value of an iterative one, a lower-bound estimate), else NaN.
    /// </summary>
    public double NextValue { get; init; } = double.NaN;

    /// <summary>
    /// delta_(k+1) / delta_k (NaN when <see cref="NextValue"/> is unknown): close to 1 means k cuts
    /// through a cluster of nearly equal eigenvalues, so the held eigenvectors are not determined by
    /// the matrix (any rotation within the cluster is as good) and only their eigenvalues are accurate.
    /// </summary>
    public double GapRatio => NextValue / values[^1];

    /// <summary>True when k cuts a cluster (see <see cref="GapRatio"/> and <see cref="CutsClusterAt"/>).</summary>
    public bool CutsCluster => Count < SampleCount && CutsClusterAt(GapRatio);

    /// <summary>False only for an iterative solve that stopped at its basis limit before meeting its accuracy rule.</summary>
    public bool Converged { get; init; } = true;

    /// <summary>Block products with the matrix an iterative solver used (0 for a dense decomposition).</summary>
    public int Iterations { get; init; }

    /// <summary>
    /// True for eigenpairs of an approximation of the Gram matrix (Nystrom subsample, see
    /// <see cref="EigenSolver.TopNystrom"/>): orthonormal and sorted, but their accuracy is that of
    /// the subsample, not the 1e-8 contract of <see cref="EigenSolver.Top"/>; check <see cref="Residuals"/>.
    /// </summary>
    public bool IsApproximate { get; init; }

    // delta_(k+1) within this relative distance of delta_k means k cuts a cluster of
    // (nearly) equal eigenvalues, such as one degree of spherical harmonics.
    internal const double ClusterTolerance = 1e-3;

    /// <summary>The shared cluster rule: a gap ratio delta_(k+1) / delta_k above 1 - 1e-3.</summary>
    internal static bool CutsClusterAt(double gapRatio) => gapRatio > 1.0 - ClusterTolerance;

    /// <summary>The first <paramref name="count"/> pairs.</summary>
    public EigenDecomposition Truncate(int count)
    {
        if (count < 1 || count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be between 1 and {Count} but was {count}.");
        }

        return count == Count ? this : new EigenDecomposition(sampleCount, applySource, values[..count], vectors.SubMatrix(0, vectors.RowCount, 0, count))
        {
            NextValue = values[count],
            Converged = Converged,
            Iterations = Iterations,
            IsApproximate = IsApproximate,
        };
    }

    private double[] ComputeResiduals()
    {
        var product = applySource(vectors);
        var result = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = (product.Column(i) - values[i] * vectors.Column(i)).L2Norm();
        }

        return result;
    }
}
