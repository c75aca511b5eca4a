using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Networks;

/// <summary>
/// The single place where the network's matrix products happen. Every call writes into a
/// preallocated dense result (which must not alias an operand), so a training step allocates
/// nothing. Large products go to the packed, multi-core GEMM of
/// <see cref="FastLinearAlgebra"/> (its worker pool and packing buffers are persistent, so it allocates
/// nothing per call either); small and thin ones go to <see cref="ThinProducts"/>, which beat packing there.
/// </summary>
/// <remarks>
/// MathNet 5.0's in-place overloads (<c>a.Multiply(b, result)</c> and the transposed variants) are not
/// used because its managed provider copies the operands internally, allocating on every call, so these are
/// column-major loops built on the library's one axpy and dot (<see cref="ThinProducts"/>): allocation-free,
/// blocked for the cache, on every core, exact to round-off. <see cref="LinearAlgebraControl.PackedProducts"/> switches the
/// packed GEMM off (tests compare the two paths).
/// </remarks>
internal static class NetworkMath
{
    /// <summary>Multiply-adds from which the packed GEMM is used.</summary>
    internal const long FastThreshold = 48L * 48 * 48;

    // Thin products (a matrix-vector product or an outer product: the output layer) stream their
    // big operand once in ThinProducts; packing it for the GEMM would copy it first.
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

    /// <summary>
    /// result = scale * (a * b^T) + shiftScale * shift_j per column j, and rectified = max(result, 0) when given: a layer's
    /// pre-activation and ReLU activation. The packed GEMM does both on each tile while it is in cache
    /// (<see cref="FastLinearAlgebra.AffineMultiplyTransposedInto"/>); the loops apply the same map afterwards.
    /// </summary>
    public static void AffineMultiplyTransposedInto(Matrix<double> a, Matrix<double> b, double scale, double shiftScale, double[] shift, Matrix<double>? rectified, Matrix<double> result)
    {
        if (Fast(a.RowCount, a.ColumnCount, b.RowCount))
        {
            FastLinearAlgebra.AffineMultiplyTransposedInto(a, b, scale, shiftScale, shift, rectified, result);
            return;
        }

        MultiplyTransposedInto(a, b, result);
        FastLinearAlgebra.ApplyAffine(result, scale, shiftScale, shift, rectified);
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

        ThinProducts.TransposeAndMultiply(Data(a), Data(b), a.RowCount, a.ColumnCount, b.ColumnCount, Data(result));
    }

    /// <summary>The column-major storage of a dense matrix (all network buffers are dense).</summary>
    public static double[] Data(Matrix<double> matrix) =>
        matrix.AsColumnMajorArray() ?? throw new InvalidOperationException("Network buffers must be dense matrices.");

    // The one call behind a * b and a * b^T when they are too small to pack.
    private static void CombineColumns(Matrix<double> a, double[] coefficients, int rowStride, int columnStride, int columns, Matrix<double> result) =>
        ThinProducts.CombineColumns(Data(a), a.RowCount, a.ColumnCount, coefficients, rowStride, columnStride, columns, Data(result));

    private static void Check(bool shapesAgree, Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        if (!shapesAgree)
        {
            throw new ArgumentException($"Product shapes disagree: {a.RowCount}x{a.ColumnCount}, {b.RowCount}x{b.ColumnCount} -> {result.RowCount}x{result.ColumnCount}.");
        }
    }
}
