using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Spectra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Msk;

/// <summary>
/// The shared core of a Modified Spectrum Kernel and its preconditioner (docs/design.md#msk, #preconditioner): the
/// top-k eigenpairs of a Gram matrix and the target eigenvalues g_1..g_k that replace them.
/// </summary>
public sealed partial class SpectralModification
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
        var n = eigenpairs.SampleCount;
        var values = eigenpairs.ValuesView;
        Scales = new double[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            Scales[i] = n * targets[i] / values[i] - 1.0;
        }
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
    /// c_i = n g_i / delta_i - 1, the one definition of how much direction i is rescaled: S = I + V diag(c) V^T,
    /// K S = K + V diag(c_i delta_i) V^T, and the MSK adds (c_i / delta_i) K(x, X) v_i v_i^T K(X, z).
    /// </summary>
    internal double[] Scales { get; }

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
        return TryCreate(eigenpairs, target, rank, preconditioning: false, out var problem) ?? throw problem!.ToException(nameof(rank), nameof(target));
    }

    /// <summary>
    /// The modification, or null with the reason in <paramref name="problem"/> (stated without parameter names,
    /// so that each caller raises it under its own: <c>rank</c> here, <c>TrainerConfig.Rank</c> in the trainer).
    /// With <paramref name="preconditioning"/> every target must also be &gt; 0 (S positive definite).
    /// </summary>
    internal static SpectralModification? TryCreate(EigenDecomposition eigenpairs, SpectrumTarget target, int rank, bool preconditioning, out ModificationProblem? problem)
    {
        var n = eigenpairs.SampleCount;
        var values = eigenpairs.ValuesView;
        var top = values[0];
        problem = null;
        if (!(values[rank - 1] > NumericalZero * top))
        {
            problem = new ModificationProblem(ModificationSetting.Rank, rank,
                $"rank {rank} reaches eigenvalue delta_{rank} = {Guard.Format(values[rank - 1])}, which is numerically zero next to delta_1 = {Guard.Format(top)}; choose a smaller rank.");
            return null;
        }

        var context = new TargetContext(top / n, values[rank - 1] / n, rank, n);
        var targets = new double[rank];
        for (var i = 0; i < rank; i++)
        {
            var lambda = values[i] / n;
            var value = target.Evaluate(lambda, i + 1, context);
            var rule = !double.IsFinite(value) ? "must be finite"
                : preconditioning && !(value > 0) ? "must be > 0 for preconditioning (S must be positive definite)"
                : null;
            if (rule is not null)
            {
                problem = new ModificationProblem(ModificationSetting.Target, target.Description,
                    $"target '{target.Description}' {rule} but gives {Guard.Format(value)} at i = {i + 1}, lambda = {Guard.Format(lambda)}.");
                return null;
            }

            targets[i] = value;
        }

        var next = eigenpairs.Count > rank ? Math.Max(0.0, values[rank]) : 0.0;
        return new SpectralModification(eigenpairs.Truncate(rank), targets, next, context, target);
    }
}

/// <summary>Which setting a <see cref="ModificationProblem"/> is about.</summary>
internal enum ModificationSetting
{
    Rank,
    Target,
}

/// <summary>Why a target cannot be used at a rank on given eigenpairs, in neutral terms.</summary>
internal sealed record ModificationProblem(ModificationSetting Setting, object Value, string Rule)
{
    /// <summary>
    /// The exception for a caller whose rank and target parameters have the given names; with
    /// <paramref name="owner"/> (e.g. "TrainerConfig") the message also names the setting as owner.name.
    /// </summary>
    public ArgumentException ToException(string rankName, string targetName, string? owner = null)
    {
        var name = Setting == ModificationSetting.Rank ? rankName : targetName;
        var message = owner is null ? Rule : $"{Rule} ({owner}.{name})";
        return Setting == ModificationSetting.Rank ? new ArgumentOutOfRangeException(name, Value, message) : new ArgumentException(message, name);
    }
}
