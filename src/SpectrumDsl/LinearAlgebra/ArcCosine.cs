using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// acos(clamp(x, -1, 1)) with fdlibm's e_acos.c formula, branch-free (both halves computed, then blended), at
/// every width: within 1 ulp of <see cref="Math.Acos"/>, and the scalar and vector forms give identical bits.
/// Inputs are clamped first because round-off can produce 1 + 1e-16; NaN stays NaN.
/// </summary>
internal readonly struct ArcCosine : IUnaryOperator
{
    // fdlibm e_acos.c: acos(x) via the rational approximation of ArcSineRational.
    internal const double Pi = 3.14159265358979311600e+00;
    private const double Pio2Hi = ArcSineRational.Pio2Hi;
    private const double Pio2Lo = ArcSineRational.Pio2Lo;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double x)
    {
        x = Math.Min(Math.Max(x, -1), 1);
        double ax = Math.Abs(x);
        bool small = ax < 0.5;
        double z = small ? x * x : (1 - ax) * 0.5;
        double r = ArcSineRational.Evaluate(z);
        if (small)
        {
            return Pio2Hi - (x - (Pio2Lo - x * r));
        }

        double sq = Math.Sqrt(z);
        return x < 0
            ? Pi - 2 * (sq + Math.FusedMultiplyAdd(r, sq, -Pio2Lo))
            : 2 * Math.FusedMultiplyAdd(sq, r, sq);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Invoke(Vector256<double> x)
    {
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        x = Vector256.Min(Vector256.Max(x, -one), one);
        var ax = Vector256.Abs(x);
        var small = Vector256.LessThan(ax, half);
        var z = Vector256.ConditionalSelect(small, x * x, (one - ax) * half);
        var r = ArcSineRational.Evaluate(z);
        var lo = Vector256.Create(Pio2Lo);
        var resultSmall = Vector256.Create(Pio2Hi) - (x - (lo - x * r));
        var sq = Vector256.Sqrt(z);
        var two = Vector256.Create(2.0);
        var resultNegative = Vector256.Create(Pi) - two * (sq + Vector256.FusedMultiplyAdd(r, sq, -lo));
        var resultPositive = two * Vector256.FusedMultiplyAdd(sq, r, sq);
        var large = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), resultNegative, resultPositive);
        return Vector256.ConditionalSelect(small, resultSmall, large);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Invoke(Vector512<double> x)
    {
        var one = Vector512<double>.One;
        var half = Vector512.Create(0.5);
        x = Vector512.Min(Vector512.Max(x, -one), one);
        var ax = Vector512.Abs(x);
        var small = Vector512.LessThan(ax, half);
        var z = Vector512.ConditionalSelect(small, x * x, (one - ax) * half);
        var r = ArcSineRational.Evaluate(z);
        var lo = Vector512.Create(Pio2Lo);
        var resultSmall = Vector512.Create(Pio2Hi) - (x - (lo - x * r));
        var sq = Vector512.Sqrt(z);
        var two = Vector512.Create(2.0);
        var resultNegative = Vector512.Create(Pi) - two * (sq + Vector512.FusedMultiplyAdd(r, sq, -lo));
        var resultPositive = two * Vector512.FusedMultiplyAdd(sq, r, sq);
        var large = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), resultNegative, resultPositive);
        return Vector512.ConditionalSelect(small, resultSmall, large);
    }
}
