using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Spectra;

/// <summary>Eigenpairs of symmetric (Gram) matrices, largest first.</summary>
public static class EigenSolver
{
    // Relative asymmetry above this is a caller's bug, not round-off.
    private const double SymmetryTolerance = 1e-10;

    /// <summary>All eigenpairs of a symmetric matrix, descending.</summary>
    public static EigenDecomposition Full(Matrix<double> symmetric)
    {
        CheckSymmetric(symmetric, nameof(symmetric));
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var n = symmetric.RowCount;
        // MathNet returns ascending eigenvalues: reverse into descending order.
        var values = new double[n];
        var vectors = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            values[i] = evd.EigenValues[n - 1 - i].Real;
            vectors.SetColumn(i, evd.EigenVectors.Column(n - 1 - i));
        }

        return new EigenDecomposition(symmetric, values, vectors);
    }

    /// <summary>The top <paramref name="count"/> eigenpairs of a symmetric matrix, descending.</summary>
    public static EigenDecomposition Top(Matrix<double> symmetric, int count)
    {
        Guard.NotNull(symmetric, nameof(symmetric));
        Guard.InRange(count, 1, Math.Max(1, symmetric.RowCount), nameof(count),
            "Ask for at least one and at most n eigenpairs.");
        return Full(symmetric).Truncate(count);
    }

    internal static void CheckSymmetric(Matrix<double> matrix, string parameter)
    {
        Guard.Square(matrix, parameter);
        Guard.Finite(matrix, parameter);
        var scale = matrix.FrobeniusNorm();
        var asymmetry = 0.0;
        for (var column = 1; column < matrix.ColumnCount; column++)
        {
            for (var row = 0; row < column; row++)
            {
                asymmetry = Math.Max(asymmetry, Math.Abs(matrix.At(row, column) - matrix.At(column, row)));
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
