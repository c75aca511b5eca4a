using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace SpectrumDsl.LinearAlgebra;

internal static partial class FastLinearAlgebra
{
    /// <summary>
    /// Rows [start, start + rows) of a column-major n x d array into <paramref name="destination"/>, column-major with
    /// <paramref name="destinationRows"/> &gt;= rows rows; the rows past <paramref name="rows"/> are zeroed. One block
    /// copy per column (MathNet's SubMatrix copies entry by entry, through an indexer call per entry).
    /// </summary>
    public static void CopyRows(ReadOnlySpan<double> columns, int n, int start, int rows, Span<double> destination, int destinationRows)
    {
        var d = columns.Length / n;
        for (var j = 0; j < d; j++)
        {
            var column = destination.Slice(j * destinationRows, destinationRows);
            columns.Slice(j * n + start, rows).CopyTo(column);
            column[rows..].Clear();
        }
    }

    /// <summary>Rows [start, start + rows) of a column-major n x d array as a new dense matrix (see <see cref="CopyRows"/>).</summary>
    public static Matrix<double> RowBlock(double[] columns, int n, int start, int rows)
    {
        var block = new double[rows * (columns.Length / n)];
        CopyRows(columns, n, start, rows, block, rows);
        return DenseMatrix.OfColumnMajor(rows, columns.Length / n, block);
    }
}
