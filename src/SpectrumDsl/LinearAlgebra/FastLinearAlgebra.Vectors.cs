using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// The one set of vector operations (axpy, scale, dot and the matrix-vector products built on them), vectorised
/// through <see cref="Simd"/> at <see cref="LinearAlgebraControl.Width"/>. Every caller in the library uses these.
/// </summary>
internal static partial class FastLinearAlgebra
{
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
            // Four columns per pass: the result is read and written once for four multiply-adds.
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Simd.Run(new FourColumnMultiplyAdd(pa + (long)j * m, m, pv + j, pr), m);
            }

            for (; j < n; j++)
            {
                Axpy(pv[j], new ReadOnlySpan<double>(pa + (long)j * m, m), result);
            }
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

    /// <summary>y += alpha x, fused (same length; <paramref name="y"/> may not be a shifted view of <paramref name="x"/>).</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => Simd.Map(x, y, y, new MultiplyAddScalar(alpha));

    /// <summary>x *= factor.</summary>
    public static void Scale(Span<double> x, double factor) => Simd.Map(x, x, new MultiplyByScalar(factor));

    /// <summary>The dot product x . y (four independent accumulators; see <see cref="Simd.Reduce{TOp}"/>).</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Simd.Reduce(x, y, default(FusedMultiplyAccumulate));

    /// <summary>
    /// ||A||_F from the entries. MathNet 5.0's Matrix.FrobeniusNorm() forms A A^T first (n x n for an n x c label
    /// matrix: 288 MB at n = 6000), so nothing in the library calls it.
    /// </summary>
    internal static double FrobeniusNorm(MathNet.Numerics.LinearAlgebra.Matrix<double> matrix)
    {
        var values = matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();
        return Math.Sqrt(Dot(values, values));
    }
}
