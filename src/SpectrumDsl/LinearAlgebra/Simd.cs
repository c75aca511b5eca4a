using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// The element-wise drivers: every loop over widths (<see cref="LinearAlgebraControl.Width"/>: Vector512,
/// Vector256 or scalar) and tails is here, once; operations are operator structs (<see cref="IUnaryOperator"/>,
/// <see cref="IBinaryOperator"/>, <see cref="IAccumulateOperator"/>) or loop bodies (<see cref="IElementKernel"/>).
/// The tail runs the operator's scalar form, which computes the same formula as its vector forms.
/// </summary>
internal static unsafe class Simd
{
    /// <summary>Runs <paramref name="kernel"/> for indices 0 .. <paramref name="length"/> - 1: whole vectors first, then single elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TKernel>(TKernel kernel, int length)
        where TKernel : struct, IElementKernel
    {
        nuint n = (nuint)length;
        nuint i = 0;
        switch (LinearAlgebraControl.Width)
        {
            case VectorWidth.Vector512:
                for (; i + 8 <= n; i += 8)
                {
                    kernel.Invoke512(i);
                }

                break;
            case VectorWidth.Vector256:
                for (; i + 4 <= n; i += 4)
                {
                    kernel.Invoke256(i);
                }

                break;
        }

        for (; i < n; i++)
        {
            kernel.Invoke(i);
        }
    }

    /// <summary>result[i] = op(x[i]); <paramref name="result"/> may be <paramref name="x"/> itself (same span, not shifted).</summary>
    public static void Map<TOp>(ReadOnlySpan<double> x, Span<double> result, TOp op)
        where TOp : struct, IUnaryOperator
    {
        CheckLength(result.Length, x.Length, "x", nameof(result));
        fixed (double* px = x)
        fixed (double* pr = result)
        {
            Run(new UnaryKernel<TOp>(px, pr, op), x.Length);
        }
    }

    /// <summary>result[i] = op(x[i], y[i]); <paramref name="result"/> may be <paramref name="x"/> or <paramref name="y"/> itself.</summary>
    public static void Map<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result, TOp op)
        where TOp : struct, IBinaryOperator
    {
        CheckLength(y.Length, x.Length, "x", nameof(y));
        CheckLength(result.Length, x.Length, "x", nameof(result));
        fixed (double* px = x)
        fixed (double* py = y)
        fixed (double* pr = result)
        {
            Run(new BinaryKernel<TOp>(px, py, pr, op), x.Length);
        }
    }

    /// <summary>
    /// Folds op over x and y from 0: four independent vector accumulators (added pairwise at the end, then across
    /// lanes), then the tail element by element. The grouping depends on the width only, so a width gives the same
    /// bits for the same input whatever the thread or the call.
    /// </summary>
    public static double Reduce<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, TOp op)
        where TOp : struct, IAccumulateOperator
    {
        CheckLength(y.Length, x.Length, "x", nameof(y));
        nuint n = (nuint)x.Length;
        nuint i = 0;
        double sum = 0;
        fixed (double* px = x)
        fixed (double* py = y)
        {
            switch (LinearAlgebraControl.Width)
            {
                case VectorWidth.Vector512 when n >= 8:
                {
                    Vector512<double> s0 = default, s1 = default, s2 = default, s3 = default;
                    for (; i + 32 <= n; i += 32)
                    {
                        s0 = op.Invoke(s0, Vector512.Load(px + i), Vector512.Load(py + i));
                        s1 = op.Invoke(s1, Vector512.Load(px + i + 8), Vector512.Load(py + i + 8));
                        s2 = op.Invoke(s2, Vector512.Load(px + i + 16), Vector512.Load(py + i + 16));
                        s3 = op.Invoke(s3, Vector512.Load(px + i + 24), Vector512.Load(py + i + 24));
                    }

                    for (; i + 8 <= n; i += 8)
                    {
                        s0 = op.Invoke(s0, Vector512.Load(px + i), Vector512.Load(py + i));
                    }

                    sum = Vector512.Sum((s0 + s1) + (s2 + s3));
                    break;
                }

                case VectorWidth.Vector256 when n >= 4:
                {
                    Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
                    for (; i + 16 <= n; i += 16)
                    {
                        s0 = op.Invoke(s0, Vector256.Load(px + i), Vector256.Load(py + i));
                        s1 = op.Invoke(s1, Vector256.Load(px + i + 4), Vector256.Load(py + i + 4));
                        s2 = op.Invoke(s2, Vector256.Load(px + i + 8), Vector256.Load(py + i + 8));
                        s3 = op.Invoke(s3, Vector256.Load(px + i + 12), Vector256.Load(py + i + 12));
                    }

                    for (; i + 4 <= n; i += 4)
                    {
                        s0 = op.Invoke(s0, Vector256.Load(px + i), Vector256.Load(py + i));
                    }

                    sum = Vector256.Sum((s0 + s1) + (s2 + s3));
                    break;
                }
            }

            for (; i < n; i++)
            {
                sum = op.Invoke(sum, px[i], py[i]);
            }
        }

        return sum;
    }

    /// <summary>Throws when a span's length differs from the first input's (message names both).</summary>
    internal static void CheckLength(int actual, int expected, string referenceName, string paramName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{paramName} has length {actual} but {referenceName} has length {expected}.", paramName);
        }
    }

    private readonly struct UnaryKernel<TOp>(double* x, double* result, TOp op) : IElementKernel
        where TOp : struct, IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(nuint i) => result[i] = op.Invoke(x[i]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(nuint i) => Vector256.Store(op.Invoke(Vector256.Load(x + i)), result + i);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke512(nuint i) => Vector512.Store(op.Invoke(Vector512.Load(x + i)), result + i);
    }

    private readonly struct BinaryKernel<TOp>(double* x, double* y, double* result, TOp op) : IElementKernel
        where TOp : struct, IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(nuint i) => result[i] = op.Invoke(x[i], y[i]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(nuint i) => Vector256.Store(op.Invoke(Vector256.Load(x + i), Vector256.Load(y + i)), result + i);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke512(nuint i) => Vector512.Store(op.Invoke(Vector512.Load(x + i), Vector512.Load(y + i)), result + i);
    }
}
