using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// Fast dense products on MathNet matrices (column-major <see cref="DenseMatrix"/> storage): a blocked,
/// packed GEMM with Vector512/Vector256 FMA micro-kernels, parallel over the cores. Replaces MathNet's
/// managed provider (about 20x slower) on the hot paths. Non-dense inputs are copied to dense storage first;
/// results of the <c>Into</c> variants must be <see cref="DenseMatrix"/> and must not alias an input.
/// </summary>
public static class FastLinearAlgebra
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

    /// <summary>Writes A v into <paramref name="result"/> (length rows(A)).</summary>
    public static unsafe void MultiplyVectorInto(Matrix<double> a, ReadOnlySpan<double> v, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (v.Length != a.ColumnCount)
        {
            throw new ArgumentException($"A v needs v of length {a.ColumnCount} for A {Shape(a)}, but v has length {v.Length}.", nameof(v));
        }

        if (result.Length != a.RowCount)
        {
            throw new ArgumentException($"A v with A {Shape(a)} needs result of length {a.RowCount}, but result has length {result.Length}.", nameof(result));
        }

        double[] av = Values(a);
        int m = a.RowCount, n = a.ColumnCount;
        if (m == 0)
        {
            return;
        }

        result.Clear();
        fixed (double* pa = av)
        fixed (double* pv = v)
        fixed (double* pr = result)
        {
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Axpy4(m, pa + (long)j * m, m, pv + j, pr);
            }

            for (; j < n; j++)
            {
                double s = pv[j];
                double* col = pa + (long)j * m;
                for (int i = 0; i < m; i++)
                {
                    pr[i] += col[i] * s;
                }
            }
        }
    }

    /// <summary>r += A[:, 0..4] * v[0..4] for four adjacent columns.</summary>
    private static unsafe void Axpy4(int m, double* col, int ld, double* v, double* r)
    {
        double s0 = v[0], s1 = v[1], s2 = v[2], s3 = v[3];
        double* c0 = col, c1 = col + ld, c2 = col + 2L * ld, c3 = col + 3L * ld;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> v0 = Vector512.Create(s0), v1 = Vector512.Create(s1), v2 = Vector512.Create(s2), v3 = Vector512.Create(s3);
            for (; i + 8 <= m; i += 8)
            {
                Vector512<double> acc = Vector512.Load(r + i);
                acc = Vector512.FusedMultiplyAdd(Vector512.Load(c0 + i), v0, acc);
                acc = Vector512.FusedMultiplyAdd(Vector512.Load(c1 + i), v1, acc);
                acc = Vector512.FusedMultiplyAdd(Vector512.Load(c2 + i), v2, acc);
                acc = Vector512.FusedMultiplyAdd(Vector512.Load(c3 + i), v3, acc);
                Vector512.Store(acc, r + i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> v0 = Vector256.Create(s0), v1 = Vector256.Create(s1), v2 = Vector256.Create(s2), v3 = Vector256.Create(s3);
            for (; i + 4 <= m; i += 4)
            {
                Vector256<double> acc = Vector256.Load(r + i);
                acc = Vector256.FusedMultiplyAdd(Vector256.Load(c0 + i), v0, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.Load(c1 + i), v1, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.Load(c2 + i), v2, acc);
                acc = Vector256.FusedMultiplyAdd(Vector256.Load(c3 + i), v3, acc);
                Vector256.Store(acc, r + i);
            }
        }

        for (; i < m; i++)
        {
            r[i] += c0[i] * s0 + c1[i] * s1 + c2[i] * s2 + c3[i] * s3;
        }
    }

    /// <summary>Writes A^T v into <paramref name="result"/> (length cols(A)).</summary>
    public static void TransposeMultiplyVectorInto(Matrix<double> a, ReadOnlySpan<double> v, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (v.Length != a.RowCount)
        {
            throw new ArgumentException($"A^T v needs v of length {a.RowCount} for A {Shape(a)}, but v has length {v.Length}.", nameof(v));
        }

        if (result.Length != a.ColumnCount)
        {
            throw new ArgumentException($"A^T v with A {Shape(a)} needs result of length {a.ColumnCount}, but result has length {result.Length}.", nameof(result));
        }

        double[] av = Values(a);
        int m = a.RowCount;
        for (int j = 0; j < result.Length; j++)
        {
            result[j] = Dot(new ReadOnlySpan<double>(av, j * m, m), v);
        }
    }

    /// <summary>y += alpha x (vectorised; same length).</summary>
    internal static unsafe void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        fixed (double* px = x)
        fixed (double* py = y)
        {
            int i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var a = Vector512.Create(alpha);
                for (; i + 16 <= n; i += 16)
                {
                    Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(px + i), a, Vector512.Load(py + i)), py + i);
                    Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(px + i + 8), a, Vector512.Load(py + i + 8)), py + i + 8);
                }

                for (; i + 8 <= n; i += 8)
                {
                    Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(px + i), a, Vector512.Load(py + i)), py + i);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var a = Vector256.Create(alpha);
                for (; i + 4 <= n; i += 4)
                {
                    Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(px + i), a, Vector256.Load(py + i)), py + i);
                }
            }

            for (; i < n; i++)
            {
                py[i] = Math.FusedMultiplyAdd(px[i], alpha, py[i]);
            }
        }
    }

    /// <summary>x *= factor (vectorised).</summary>
    internal static unsafe void Scale(Span<double> x, double factor)
    {
        int n = x.Length;
        fixed (double* px = x)
        {
            int i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var f = Vector512.Create(factor);
                for (; i + 8 <= n; i += 8)
                {
                    Vector512.Store(Vector512.Load(px + i) * f, px + i);
                }
            }

            for (; i < n; i++)
            {
                px[i] *= factor;
            }
        }
    }

    /// <summary>Vectorised dot product (four independent accumulators).</summary>
    internal static unsafe double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        fixed (double* px = x)
        fixed (double* py = y)
        {
            int i = 0;
            double sum = 0;
            if (Vector512.IsHardwareAccelerated && n >= 8)
            {
                Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
                for (; i + 32 <= n; i += 32)
                {
                    s0 = Vector512.FusedMultiplyAdd(Vector512.Load(px + i), Vector512.Load(py + i), s0);
                    s1 = Vector512.FusedMultiplyAdd(Vector512.Load(px + i + 8), Vector512.Load(py + i + 8), s1);
                    s2 = Vector512.FusedMultiplyAdd(Vector512.Load(px + i + 16), Vector512.Load(py + i + 16), s2);
                    s3 = Vector512.FusedMultiplyAdd(Vector512.Load(px + i + 24), Vector512.Load(py + i + 24), s3);
                }

                for (; i + 8 <= n; i += 8)
                {
                    s0 = Vector512.FusedMultiplyAdd(Vector512.Load(px + i), Vector512.Load(py + i), s0);
                }

                sum = Vector512.Sum((s0 + s1) + (s2 + s3));
            }
            else if (Vector256.IsHardwareAccelerated && n >= 4)
            {
                Vector256<double> s0 = default, s1 = default;
                for (; i + 8 <= n; i += 8)
                {
                    s0 = Vector256.FusedMultiplyAdd(Vector256.Load(px + i), Vector256.Load(py + i), s0);
                    s1 = Vector256.FusedMultiplyAdd(Vector256.Load(px + i + 4), Vector256.Load(py + i + 4), s1);
                }

                for (; i + 4 <= n; i += 4)
                {
                    s0 = Vector256.FusedMultiplyAdd(Vector256.Load(px + i), Vector256.Load(py + i), s0);
                }

                sum = Vector256.Sum(s0 + s1);
            }

            for (; i < n; i++)
            {
                sum += px[i] * py[i];
            }

            return sum;
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
