using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Data;

/// <summary>
/// Row-major values (as files store them: one point after another) into a MathNet matrix, whose dense
/// storage is column-major. Writing the storage array directly is what makes large reads fast:
/// element-wise <c>At(i, j, v)</c> costs a bounds check and a virtual call per entry.
/// </summary>
internal static class ColumnMajor
{
    // Rows per tile: a tile's source rows (64 x d values) stay in cache while each column's
    // 64 destination entries are written contiguously.
    private const int TileRows = 64;

    public static Matrix<double> FromRowMajor<T>(ReadOnlySpan<T> rowMajor, int rows, int columns)
        where T : INumberBase<T>
    {
        var storage = new double[(long)rows * columns];
        for (var rowStart = 0; rowStart < rows; rowStart += TileRows)
        {
            var rowEnd = Math.Min(rows, rowStart + TileRows);
            for (var j = 0; j < columns; j++)
            {
                var destination = (long)j * rows;
                for (var i = rowStart; i < rowEnd; i++)
                {
                    storage[destination + i] = double.CreateTruncating(rowMajor[(int)((long)i * columns + j)]);
                }
            }
        }

        return Matrix<double>.Build.Dense(rows, columns, storage);
    }
}
