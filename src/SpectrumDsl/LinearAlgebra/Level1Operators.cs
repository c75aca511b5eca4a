using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>alpha x + y, fused (one rounding).</summary>
internal readonly struct MultiplyAddScalar(double alpha) : IBinaryOperator
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double x, double y) => Math.FusedMultiplyAdd(x, alpha, y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Invoke(Vector256<double> x, Vector256<double> y) => Vector256.FusedMultiplyAdd(x, Vector256.Create(alpha), y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Invoke(Vector512<double> x, Vector512<double> y) => Vector512.FusedMultiplyAdd(x, Vector512.Create(alpha), y);
}

/// <summary>factor x.</summary>
internal readonly struct MultiplyByScalar(double factor) : IUnaryOperator
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double x) => x * factor;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Invoke(Vector256<double> x) => x * Vector256.Create(factor);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Invoke(Vector512<double> x) => x * Vector512.Create(factor);
}

/// <summary>acc + x y, fused: the step of a dot product.</summary>
internal readonly struct FusedMultiplyAccumulate : IAccumulateOperator
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double accumulator, double x, double y) => Math.FusedMultiplyAdd(x, y, accumulator);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Invoke(Vector256<double> accumulator, Vector256<double> x, Vector256<double> y) => Vector256.FusedMultiplyAdd(x, y, accumulator);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Invoke(Vector512<double> accumulator, Vector512<double> x, Vector512<double> y) => Vector512.FusedMultiplyAdd(x, y, accumulator);
}

/// <summary>
/// r[i] += c0[i] s0 + c1[i] s1 + c2[i] s2 + c3[i] s3 for four columns of a column-major matrix (the inner step
/// of a matrix-vector product), as a chain of fused multiply-adds in column order at every width.
/// </summary>
internal readonly unsafe struct FourColumnMultiplyAdd(double* columns, long leadingDimension, double* scalars, double* result) : IElementKernel
{
    private readonly double* c0 = columns;
    private readonly double* c1 = columns + leadingDimension;
    private readonly double* c2 = columns + 2 * leadingDimension;
    private readonly double* c3 = columns + 3 * leadingDimension;
    private readonly double s0 = scalars[0], s1 = scalars[1], s2 = scalars[2], s3 = scalars[3];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(nuint i)
    {
        double acc = result[i];
        acc = Math.FusedMultiplyAdd(c0[i], s0, acc);
        acc = Math.FusedMultiplyAdd(c1[i], s1, acc);
        acc = Math.FusedMultiplyAdd(c2[i], s2, acc);
        result[i] = Math.FusedMultiplyAdd(c3[i], s3, acc);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke256(nuint i)
    {
        var acc = Vector256.Load(result + i);
        acc = Vector256.FusedMultiplyAdd(Vector256.Load(c0 + i), Vector256.Create(s0), acc);
        acc = Vector256.FusedMultiplyAdd(Vector256.Load(c1 + i), Vector256.Create(s1), acc);
        acc = Vector256.FusedMultiplyAdd(Vector256.Load(c2 + i), Vector256.Create(s2), acc);
        Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(c3 + i), Vector256.Create(s3), acc), result + i);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke512(nuint i)
    {
        var acc = Vector512.Load(result + i);
        acc = Vector512.FusedMultiplyAdd(Vector512.Load(c0 + i), Vector512.Create(s0), acc);
        acc = Vector512.FusedMultiplyAdd(Vector512.Load(c1 + i), Vector512.Create(s1), acc);
        acc = Vector512.FusedMultiplyAdd(Vector512.Load(c2 + i), Vector512.Create(s2), acc);
        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(c3 + i), Vector512.Create(s3), acc), result + i);
    }
}
