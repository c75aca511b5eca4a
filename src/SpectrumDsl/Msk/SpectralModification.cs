using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Spectra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Msk;

/// <summary>
/// The shared core of a Modified Spectrum Kernel and its preconditioner (DESIGN 2.3, 2.4): the
/// top-k eigenpairs of a Gram matrix and the target eigenvalues g_1..g_k that replace them.
/// </summary>
public sealed class SpectralModification
{
    // Eigenvalues below this fraction of delta_1 are round-off: their eigenvectors are not
    // defined well enough to extend (phi_i divides by delta_i).
    private const double NumericalZero = 1e-12;

    private readonly double[] targets;

    private SpectralModification(EigenDecomposition eigenpairs, double[] targets, double nextValue, TargetContext context, SpectrumTarget target)
    {
        Eigenpairs = eigenpairs;
        this.targets = targets;
        NextGramValue = nextValue;
        Context = context;
        Target = target;
    }

    /// <summary>The top-k eigenpairs of the Gram matrix.</summary>
    public EigenDecomposition Eigenpairs { get; }

    /// <summary>The target that produced <see cref="TargetValues"/>.</summary>
    public SpectrumTarget Target { get; }

    /// <summary>lambda_1, lambda_k, k and n as the target saw them.</summary>
    public TargetContext Context { get; }

    /// <summary>k, the number of replaced eigenvalues.</summary>
    public int Rank => Eigenpairs.Count;

    /// <summary>n, the number of training points.</summary>
    public int SampleCount => Eigenpairs.SampleCount;

    /// <summary>g_1..g_k, operator scale.</summary>
    public IReadOnlyList<double> TargetValues => targets;

    /// <summary>delta_(k+1), the first unchanged Gram eigenvalue (0 when k = n).</summary>
    public double NextGramValue { get; }

    /// <summary>
    /// delta_(k+1) / delta_k: close to 1 means k cuts through a cluster of nearly equal
    /// eigenvalues, so the modified space depends on round-off; choose k at a gap.
    /// </summary>
    public double GapRatio => NextGramValue / Eigenpairs.ValuesView[Rank - 1];

    /// <summary>True when k cuts a cluster of nearly equal eigenvalues (see <see cref="GapRatio"/>).</summary>
    public bool CutsCluster => Rank < SampleCount && EigenDecomposition.CutsClusterAt(GapRatio);

    internal double[] TargetValuesView => targets;

    /// <summary>
    /// K + V_k diag(n g_i - delta_i) V_k^T for the Gram <paramref name="gram"/> these eigenpairs came
    /// from: K S (equal in exact arithmetic), written so that it is exactly symmetric however
    /// accurate the eigenvectors are.
    /// </summary>
    internal Matrix<double> ModifiedGram(Matrix<double> gram)
    {
        var values = Eigenpairs.ValuesView;
        var vectors = Eigenpairs.VectorsView;
        var shifted = vectors.Clone();
        for (var i = 0; i < Rank; i++)
        {
            shifted.SetColumn(i, vectors.Column(i) * (SampleCount * targets[i] - values[i]));
        }

        var result = gram + FastLinearAlgebra.MultiplyTransposed(shifted, vectors);
        PointProducts.Symmetrize(result);
        return result;
    }

    /// <summary>max_i ||K v_i - delta_i v_i|| / delta_1: how well these eigenpairs belong to <paramref name="gram"/>.</summary>
    internal double RelativeResidualAgainst(Matrix<double> gram)
    {
        var vectors = Eigenpairs.VectorsView;
        var images = FastLinearAlgebra.Multiply(gram, vectors);
        var worst = 0.0;
        for (var i = 0; i < Rank; i++)
        {
            worst = Math.Max(worst, (images.Column(i) - Eigenpairs.ValuesView[i] * vectors.Column(i)).L2Norm());
        }

        return worst / Eigenpairs.ValuesView[0];
    }

    /// <summary>
    /// The ranks nearest to <paramref name="rank"/> (one below, one above) that do not cut a cluster,
    /// for descending eigenvalues <paramref name="values"/> (all n of them); null where there is none.
    /// </summary>
    public static (int? Lower, int? Upper) NearestGapRanks(IReadOnlyList<double> values, int rank)
    {
        Guard.NotNull(values, nameof(values));
        Guard.InRange(rank, 1, Math.Max(1, values.Count), nameof(rank), $"The rank counts eigenvalues (n = {values.Count}).");
        bool AtGap(int k) => k == values.Count || (values[k - 1] > 0 && !EigenDecomposition.CutsClusterAt(values[k] / values[k - 1]));
        int? lower = null, upper = null;
        for (var k = rank - 1; k >= 1; k--)
        {
            if (AtGap(k))
            {
                lower = k;
                break;
            }
        }

        for (var k = rank + 1; k <= values.Count; k++)
        {
            if (AtGap(k))
            {
                upper = k;
                break;
            }
        }

        return (lower, upper);
    }

    /// <summary>Eigen-decomposes <paramref name="gram"/> and evaluates the target on its top <paramref name="rank"/> eigenvalues.</summary>
    public static SpectralModification Compute(Matrix<double> gram, SpectrumTarget target, int rank)
    {
        Guard.NotNull(gram, nameof(gram));
        Guard.NotNull(target, nameof(target));
        Guard.InRange(rank, 1, Math.Max(1, gram.RowCount), nameof(rank),
            $"The rank k counts replaced eigenvalues of an n x n Gram matrix (n = {gram.RowCount}).");
        var n = gram.RowCount;
        var all = EigenSolver.Top(gram, Math.Min(rank + 1, n));
        return FromEigenpairs(all, target, rank);
    }

    /// <summary>Uses eigenpairs already computed (at least <paramref name="rank"/> of them, one more gives delta_(k+1)).</summary>
    public static SpectralModification FromEigenpairs(EigenDecomposition eigenpairs, SpectrumTarget target, int rank)
    {
        Guard.NotNull(eigenpairs, nameof(eigenpairs));
        Guard.NotNull(target, nameof(target));
        Guard.InRange(rank, 1, eigenpairs.Count, nameof(rank), $"Only {eigenpairs.Count} eigenpairs were computed.");
        var n = eigenpairs.SampleCount;
        var values = eigenpairs.ValuesView;
        var top = values[0];
        if (!(values[rank - 1] > NumericalZero * top))
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank,
                $"rank {rank} reaches eigenvalue delta_{rank} = {Guard.Format(values[rank - 1])}, which is numerically zero next to delta_1 = {Guard.Format(top)}; choose a smaller rank.");
        }

        var context = new TargetContext(top / n, values[rank - 1] / n, rank, n);
        var targets = new double[rank];
        for (var i = 0; i < rank; i++)
        {
            var lambda = values[i] / n;
            var value = target.Evaluate(lambda, i + 1, context);
            if (!double.IsFinite(value))
            {
                throw new ArgumentException(
                    $"target '{target.Description}' must be finite but gives {Guard.Format(value)} at i = {i + 1}, lambda = {Guard.Format(lambda)}.",
                    nameof(target));
            }

            targets[i] = value;
        }

        var next = eigenpairs.Count > rank ? Math.Max(0.0, values[rank]) : 0.0;
        return new SpectralModification(eigenpairs.Truncate(rank), targets, next, context, target);
    }
}
