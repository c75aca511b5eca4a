using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Spectra;

/// <summary>Eigenpairs of symmetric (Gram) matrices, largest first.</summary>
public static partial class EigenSolver
{
    // Relative asymmetry above this is a caller's bug, not round-off.
    private const double SymmetryTolerance = 1e-10;

    /// <summary>All eigenpairs of a symmetric matrix, descending (system LAPACK where present, else managed: see <see cref="SymmetricEigen.Backend"/>).</summary>
    public static EigenDecomposition Full(Matrix<double> symmetric)
    {
        CheckSymmetric(symmetric, nameof(symmetric));
        var (values, vectors) = SymmetricEigen.Decompose(symmetric);
        return new EigenDecomposition(symmetric, values, vectors);
    }

    // Below this size, or when a large share of the spectrum is wanted, one dense
    // decomposition is cheaper than iterating.
    private const int IterativeMinimumSize = 600;

    /// <summary>
    /// The top <paramref name="count"/> eigenpairs of a symmetric positive semidefinite matrix,
    /// descending: a dense decomposition for small matrices, block Lanczos with full
    /// reorthogonalisation for large ones (O(n^2 b) per block product, b about k / 2).
    /// </summary>
    /// <remarks>
    /// Accuracy contract: relative eigenvalue error at most 1e-8 for every returned pair (the
    /// iterative stopping rule bounds min(r_i, r_i^2 / gap_i) by 1e-10 delta_i, see
    /// <c>BlockLanczos</c>); <see cref="EigenDecomposition.Residuals"/> reports the exact residuals.
    /// Eigenvectors are determined only up to rotations within a cluster: check
    /// <see cref="EigenDecomposition.CutsCluster"/> / <see cref="EigenDecomposition.GapRatio"/>
    /// (delta_(k+1) / delta_k) and choose k at a gap. <see cref="EigenDecomposition.Converged"/> is
    /// false if the Krylov basis limit was reached first (the values are then best estimates).
    /// </remarks>
    public static EigenDecomposition Top(Matrix<double> symmetric, int count)
    {
        Guard.NotNull(symmetric, nameof(symmetric));
        Guard.InRange(count, 1, Math.Max(1, symmetric.RowCount), nameof(count),
            "Ask for at least one and at most n eigenpairs.");
        var n = symmetric.RowCount;
        if (n < IterativeMinimumSize || 3 * count > n)
        {
            return Full(symmetric).Truncate(count);
        }

        CheckSymmetric(symmetric, nameof(symmetric));
        return BlockLanczos.Top(symmetric, count, out _);
    }

    internal static void CheckSymmetric(Matrix<double> matrix, string parameter)
    {
        Guard.Square(matrix, parameter);
        Guard.Finite(matrix, parameter);
        var n = matrix.RowCount;
        var values = matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();
        var scale = Math.Sqrt(values.Sum(value => value * value));
        var asymmetry = 0.0;
        // Tiles keep both the (i, j) and the mirrored (j, i) reads in cache.
        const int tile = 64;
        for (var columnStart = 0; columnStart < n; columnStart += tile)
        {
            for (var rowStart = 0; rowStart <= columnStart; rowStart += tile)
            {
                var columnEnd = Math.Min(n, columnStart + tile);
                var rowEnd = Math.Min(n, rowStart + tile);
                for (var column = columnStart; column < columnEnd; column++)
                {
                    for (var row = rowStart; row < Math.Min(rowEnd, column); row++)
                    {
                        asymmetry = Math.Max(asymmetry, Math.Abs(values[column * n + row] - values[row * n + column]));
                    }
                }
            }
        }

        if (asymmetry > SymmetryTolerance * Math.Max(scale, double.Epsilon))
        {
            throw new ArgumentException(
                $"{parameter} must be symmetric but its largest |A[i,j] - A[j,i]| is {Guard.Format(asymmetry)} (Frobenius norm {Guard.Format(scale)}).",
                parameter);
        }
    }
}
