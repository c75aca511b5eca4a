using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Networks;

/// <summary>
/// The single place where the network's matrix products happen. Every call writes into a
/// preallocated dense result (which must not alias an operand), so a training step allocates
/// nothing. Large products go to the packed, multi-core GEMM of
/// <see cref="FastLinearAlgebra"/> (its worker pool and packing buffers are persistent, so it allocates
/// nothing per call either); small ones stay in the simple loops below, which beat packing there.
/// </summary>
/// <remarks>
/// MathNet 5.0's in-place overloads (<c>a.Multiply(b, result)</c> and the transposed variants)
/// were the first choice, but its managed provider copies the operands internally (measured:
/// about 46 KB per 16x64 by 64x64 product and 34 MB per 64x2048 by 2048x2048 one), so these are
/// simple column-major loops built on the library's one axpy and dot
/// (<see cref="FastLinearAlgebra.Axpy"/>, <see cref="FastLinearAlgebra.Dot"/>): allocation-free,
/// single-threaded, exact to round-off. <see cref="LinearAlgebraControl.PackedProducts"/> switches the
/// packed GEMM off (tests compare the two paths).
/// </remarks>
internal static class NetworkMath
{
    /// <summary>Multiply-adds from which the packed GEMM is used.</summary>
    internal const long FastThreshold = 48L * 48 * 48;

    // Thin products (a matrix-vector product or an outer product: the output layer) stream their
    // big operand once in the loops below; packing it for the GEMM would copy it first.
    private static bool Fast(int m, int k, int n) =>
        LinearAlgebraControl.PackedProducts && Math.Min(m, Math.Min(k, n)) >= 16 && (long)m * k * n >= FastThreshold;

    /// <summary>result = a * b.</summary>
    public static void MultiplyInto(Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        Check(a.ColumnCount == b.RowCount && result.RowCount == a.RowCount && result.ColumnCount == b.ColumnCount, a, b, result);
        if (Fast(a.RowCount, a.ColumnCount, b.ColumnCount))
        {
            FastLinearAlgebra.MultiplyInto(a, b, result);
            return;
        }

        // b (p x q, column-major): entry (k, j) at j * p + k.
        CombineColumns(a, Data(b), rowStride: 1, columnStride: a.ColumnCount, b.ColumnCount, result);
    }

    /// <summary>result = a * b^T.</summary>
    public static void MultiplyTransposedInto(Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        Check(a.ColumnCount == b.ColumnCount && result.RowCount == a.RowCount && result.ColumnCount == b.RowCount, a, b, result);
        if (Fast(a.RowCount, a.ColumnCount, b.RowCount))
        {
            FastLinearAlgebra.MultiplyTransposedInto(a, b, result);
            return;
        }

        // b^T with b (q x p, column-major): entry (k, j) of b^T at k * q + j.
        CombineColumns(a, Data(b), rowStride: b.RowCount, columnStride: 1, b.RowCount, result);
    }

    /// <summary>result = a^T * b.</summary>
    public static void TransposeAndMultiplyInto(Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        Check(a.RowCount == b.RowCount && result.RowCount == a.ColumnCount && result.ColumnCount == b.ColumnCount, a, b, result);
        if (Fast(a.ColumnCount, a.RowCount, b.ColumnCount))
        {
            FastLinearAlgebra.TransposeAndMultiplyInto(a, b, result);
            return;
        }

        var n = a.RowCount;
        var p = a.ColumnCount;
        var ad = Data(a);
        var bd = Data(b);
        var rd = Data(result);
        for (var j = 0; j < b.ColumnCount; j++)
        {
            var column = bd.AsSpan(j * n, n);
            for (var i = 0; i < p; i++)
            {
                rd[j * p + i] = FastLinearAlgebra.Dot(ad.AsSpan(i * n, n), column);
            }
        }
    }

    /// <summary>The column-major storage of a dense matrix (all network buffers are dense).</summary>
    public static double[] Data(Matrix<double> matrix) =>
        matrix.AsColumnMajorArray() ?? throw new InvalidOperationException("Network buffers must be dense matrices.");

    // result column j = sum_k coefficient(k, j) a[:, k], the coefficient at k * rowStride + j * columnStride:
    // the one loop behind a * b and a * b^T when they are too small to pack.
    private static void CombineColumns(Matrix<double> a, double[] coefficients, int rowStride, int columnStride, int columns, Matrix<double> result)
    {
        var n = a.RowCount;
        var ad = Data(a);
        var rd = Data(result);
        for (var j = 0; j < columns; j++)
        {
            var column = rd.AsSpan(j * n, n);
            column.Clear();
            for (var k = 0; k < a.ColumnCount; k++)
            {
                AxpyUnlessZero(coefficients[k * rowStride + j * columnStride], ad.AsSpan(k * n, n), column);
            }
        }
    }

    // Inactive ReLU units give whole runs of zero coefficients: skipping them saves the pass over the column.
    private static void AxpyUnlessZero(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (alpha != 0)
        {
            FastLinearAlgebra.Axpy(alpha, x, y);
        }
    }

    private static void Check(bool shapesAgree, Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        if (!shapesAgree)
        {
            throw new ArgumentException($"Product shapes disagree: {a.RowCount}x{a.ColumnCount}, {b.RowCount}x{b.ColumnCount} -> {result.RowCount}x{result.ColumnCount}.");
        }
    }
}
