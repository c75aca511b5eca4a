using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// Fast dense products on MathNet matrices (column-major <see cref="DenseMatrix"/> storage): a blocked,
/// packed GEMM with Vector512/Vector256 FMA micro-kernels, parallel over the cores. Replaces MathNet's
/// managed provider (unpacked and single-threaded; docs/performance.md) on the hot paths. Non-dense inputs are copied to dense storage first;
/// results of the <c>Into</c> variants must be <see cref="DenseMatrix"/> and must not alias an input.
/// The vector operations (matrix-vector products, axpy, scale, dot) are in FastLinearAlgebra.Vectors.cs.
/// </summary>
internal static partial class FastLinearAlgebra
{
    /// <summary>Returns A * B.</summary>
    public static Matrix<double> Multiply(Matrix<double> a, Matrix<double> b)
    {
        CheckInner(a, b, a.ColumnCount, b.RowCount, "A * B", nameof(b));
        var result = new DenseMatrix(a.RowCount, b.ColumnCount);
        MultiplyCore(a, false, b, false, result);
        return result;
    }

    /// <summary>Returns A * B^T.</summary>
    public static Matrix<double> MultiplyTransposed(Matrix<double> a, Matrix<double> b)
    {
        CheckInner(a, b, a.ColumnCount, b.ColumnCount, "A * B^T", nameof(b));
        var result = new DenseMatrix(a.RowCount, b.RowCount);
        MultiplyCore(a, false, b, true, result);
        return result;
    }

    /// <summary>Returns A^T * B.</summary>
    public static Matrix<double> TransposeAndMultiply(Matrix<double> a, Matrix<double> b)
    {
        CheckInner(a, b, a.RowCount, b.RowCount, "A^T * B", nameof(b));
        var result = new DenseMatrix(a.ColumnCount, b.ColumnCount);
        MultiplyCore(a, true, b, false, result);
        return result;
    }

    /// <summary>Writes A * B into <paramref name="result"/> (a preallocated dense matrix of shape rows(A) x cols(B)).</summary>
    public static void MultiplyInto(Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        CheckInner(a, b, a.ColumnCount, b.RowCount, "A * B", nameof(b));
        CheckResult(a, b, result, a.RowCount, b.ColumnCount);
        MultiplyCore(a, false, b, false, result);
    }

    /// <summary>Writes A * B^T into <paramref name="result"/> (rows(A) x rows(B)).</summary>
    public static void MultiplyTransposedInto(Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        CheckInner(a, b, a.ColumnCount, b.ColumnCount, "A * B^T", nameof(b));
        CheckResult(a, b, result, a.RowCount, b.RowCount);
        MultiplyCore(a, false, b, true, result);
    }

    /// <summary>Writes A^T * B into <paramref name="result"/> (cols(A) x cols(B)).</summary>
    public static void TransposeAndMultiplyInto(Matrix<double> a, Matrix<double> b, Matrix<double> result)
    {
        CheckInner(a, b, a.RowCount, b.RowCount, "A^T * B", nameof(b));
        CheckResult(a, b, result, a.ColumnCount, b.ColumnCount);
        MultiplyCore(a, true, b, false, result);
    }

    /// <summary>
    /// Returns the Gram matrix X X^T (points are the rows of X). Only the lower-triangle blocks are computed
    /// (symmetric rank-k update); the upper triangle is a copy, so the result is exactly symmetric.
    /// </summary>
    public static Matrix<double> Gram(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var result = new DenseMatrix(x.RowCount, x.RowCount);
        GramInto(x, result);
        return result;
    }

    /// <summary>Writes X X^T into <paramref name="result"/> (n x n, dense); see <see cref="Gram"/>.</summary>
    public static void GramInto(Matrix<double> x, Matrix<double> result) => GramCore(x, result, mirror: true);

    /// <summary>Writes only the lower triangle (diagonal included) of X X^T into <paramref name="result"/>; the strict upper triangle is left as it was.</summary>
    internal static void GramLowerInto(Matrix<double> x, Matrix<double> result) => GramCore(x, result, mirror: false);

    private static unsafe void GramCore(Matrix<double> x, Matrix<double> result, bool mirror)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(result);
        if (result.RowCount != x.RowCount || result.ColumnCount != x.RowCount)
        {
            throw new ArgumentException(
                $"Result must be {x.RowCount}x{x.RowCount} for X X^T with X {Shape(x)}, but is {Shape(result)}.", nameof(result));
        }

        double[] rv = ResultValues(result, nameof(result));
        if (ReferenceEquals(x, result))
        {
            throw new ArgumentException("Result must not be the same matrix as the input x.", nameof(result));
        }

        double[] xv = Values(x);
        int n = x.RowCount, d = x.ColumnCount;
        fixed (double* px = xv)
        fixed (double* pr = rv)
        {
            // C = X * (X^T): A = X (n x d, column-major), B = X^T viewed as d x n: (p, j) -> X[j, p].
            var a = new StridedOperand(px, 1, n);
            var b = new StridedOperand(px, n, 1);
            GemmEngine.Run(n, n, d, a, b, pr, n, lowerOnly: true);
            if (mirror)
            {
                GemmEngine.MirrorLowerToUpper(pr, n, n);
            }
        }
    }

    private static unsafe void MultiplyCore(Matrix<double> a, bool transA, Matrix<double> b, bool transB, Matrix<double> result)
    {
        double[] rv = ResultValues(result, nameof(result));
        double[] av = Values(a);
        double[] bv = Values(b);
        int m = result.RowCount, n = result.ColumnCount;
        int k = transA ? a.RowCount : a.ColumnCount;
        int lda = a.RowCount, ldb = b.RowCount;
        fixed (double* pa = av)
        fixed (double* pb = bv)
        fixed (double* pr = rv)
        {
            var opA = transA ? new StridedOperand(pa, lda, 1) : new StridedOperand(pa, 1, lda);
            var opB = transB ? new StridedOperand(pb, ldb, 1) : new StridedOperand(pb, 1, ldb);
            GemmEngine.Run(m, n, k, opA, opB, pr, m, lowerOnly: false);
        }
    }

    private static double[] Values(Matrix<double> m) =>
        m is DenseMatrix dense ? dense.Values : DenseMatrix.OfMatrix(m).Values;

    private static double[] ResultValues(Matrix<double> result, string paramName) =>
        result is DenseMatrix dense
            ? dense.Values
            : throw new ArgumentException($"Result must be a DenseMatrix, but is {result.GetType().Name} {Shape(result)}.", paramName);

    private static void CheckInner(Matrix<double> a, Matrix<double> b, int left, int right, string op, string paramName)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (left != right)
        {
            throw new ArgumentException(
                $"Dimension mismatch in {op}: A is {Shape(a)}, B is {Shape(b)} (inner dimensions {left} and {right}).", paramName);
        }
    }

    private static void CheckResult(Matrix<double> a, Matrix<double> b, Matrix<double> result, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.RowCount != rows || result.ColumnCount != cols)
        {
            throw new ArgumentException(
                $"Result must be {rows}x{cols} (A is {Shape(a)}, B is {Shape(b)}), but is {Shape(result)}.", nameof(result));
        }

        if (ReferenceEquals(result, a) || ReferenceEquals(result, b))
        {
            throw new ArgumentException("Result must not be the same matrix as an input.", nameof(result));
        }
    }

    internal static string Shape(Matrix<double> m) => $"{m.RowCount}x{m.ColumnCount}";
}
