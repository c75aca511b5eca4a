using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The one matrix product every Gram matrix starts from (X X^T or X* X^T) and the row norms,
/// so no kernel loops over the input dimension per pair.
/// </summary>
internal static class PointProducts
{
    /// <summary>X X^T by the vectorised symmetric rank-k update: exactly symmetric.</summary>
    public static Matrix<double> Gram(Matrix<double> x) => FastLinearAlgebra.Gram(x);

    /// <summary>The lower triangle (diagonal included) of X X^T; the strict upper triangle is zero.</summary>
    public static Matrix<double> GramLower(Matrix<double> x)
    {
        var result = new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(x.RowCount, x.RowCount);
        FastLinearAlgebra.GramLowerInto(x, result);
        return result;
    }

    /// <summary>X* X^T.</summary>
    public static Matrix<double> Cross(Matrix<double> xNew, Matrix<double> x) => FastLinearAlgebra.MultiplyTransposed(xNew, x);

    /// <summary>|x|^2 for every row.</summary>
    public static double[] SquaredNorms(Matrix<double> x)
    {
        var result = new double[x.RowCount];
        for (var column = 0; column < x.ColumnCount; column++)
        {
            for (var row = 0; row < x.RowCount; row++)
            {
                var value = x.At(row, column);
                result[row] += value * value;
            }
        }

        return result;
    }

    /// <summary>Copies the lower triangle onto the upper one.</summary>
    public static void Symmetrize(Matrix<double> matrix)
    {
        for (var column = 1; column < matrix.ColumnCount; column++)
        {
            for (var row = 0; row < column; row++)
            {
                matrix.At(row, column, matrix.At(column, row));
            }
        }
    }
}
