using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// asin(clamp(x, -1, 1)) with fdlibm's e_asin.c formulas, branch-free (every branch computed, then blended), at every
/// width, with the scalar and vector forms giving identical bits; within 1 ulp of the exact value.
/// For |x| &lt; 1/2 it is x + x R(x^2) directly, so the result keeps its relative accuracy however small x is, is
/// exactly 0 at 0 and exactly odd. For |x| &gt;= 1/2 it is pi/2 - 2 asin(sqrt(t)), t = (1 - |x|) / 2 exact, with the
/// sign of x: near |x| = 1 as accurate as acos there, and below 0.975 with sqrt(t) split in a 21-bit head and a tail
/// so the subtraction from pi/2 loses nothing. Inputs are clamped first because round-off can produce 1 + 1e-16;
/// NaN stays NaN.
/// </summary>
internal readonly struct ArcSine : IUnaryOperator
{
    private const double Pio2Hi = ArcSineRational.Pio2Hi;
    private const double Pio2Lo = ArcSineRational.Pio2Lo;
    private const double Pio4Hi = 7.85398163397448278999e-01;
    private const double SplitBelow = 0.975;
    private const ulong HighWord = 0xFFFFFFFF00000000UL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double x)
    {
        x = Math.Min(Math.Max(x, -1), 1);
        double ax = Math.Abs(x);
        bool small = ax < 0.5;
        double t = small ? x * x : (1 - ax) * 0.5;
        double r = ArcSineRational.Evaluate(t);
        if (small)
        {
            return Math.FusedMultiplyAdd(x, r, x);
        }

        double s = Math.Sqrt(t);
        double result;
        if (ax >= SplitBelow)
        {
            result = Pio2Hi - (2 * Math.FusedMultiplyAdd(s, r, s) - Pio2Lo);
        }
        else
        {
            // s = w + c with w the high 21 bits of s (w * w is exact) and c = (t - w^2) / (s + w) the rest.
            double w = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(s) & HighWord);
            double c = (t - w * w) / (s + w);
            result = Pio4Hi - ((2 * s * r - (Pio2Lo - 2 * c)) - (Pio4Hi - 2 * w));
        }

        return Math.CopySign(result, x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Invoke(Vector256<double> x)
    {
        var one = Vector256<double>.One;
        var two = Vector256.Create(2.0);
        var half = Vector256.Create(0.5);
        x = Vector256.Min(Vector256.Max(x, -one), one);
        var ax = Vector256.Abs(x);
        var small = Vector256.LessThan(ax, half);
        var t = Vector256.ConditionalSelect(small, x * x, (one - ax) * half);
        var r = ArcSineRational.Evaluate(t);
        var resultSmall = Vector256.FusedMultiplyAdd(x, r, x);
        var s = Vector256.Sqrt(t);
        var resultSteep = Vector256.Create(Pio2Hi) - (two * Vector256.FusedMultiplyAdd(s, r, s) - Vector256.Create(Pio2Lo));
        var w = (s.AsUInt64() & Vector256.Create(HighWord)).AsDouble();
        var c = (t - w * w) / (s + w);
        var pio4 = Vector256.Create(Pio4Hi);
        var resultSplit = pio4 - ((two * s * r - (Vector256.Create(Pio2Lo) - two * c)) - (pio4 - two * w));
        var large = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(ax, Vector256.Create(SplitBelow)), resultSteep, resultSplit);
        return Vector256.ConditionalSelect(small, resultSmall, Vector256.CopySign(large, x));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Invoke(Vector512<double> x)
    {
        var one = Vector512<double>.One;
        var two = Vector512.Create(2.0);
        var half = Vector512.Create(0.5);
        x = Vector512.Min(Vector512.Max(x, -one), one);
        var ax = Vector512.Abs(x);
        var small = Vector512.LessThan(ax, half);
        var t = Vector512.ConditionalSelect(small, x * x, (one - ax) * half);
        var r = ArcSineRational.Evaluate(t);
        var resultSmall = Vector512.FusedMultiplyAdd(x, r, x);
        var s = Vector512.Sqrt(t);
        var resultSteep = Vector512.Create(Pio2Hi) - (two * Vector512.FusedMultiplyAdd(s, r, s) - Vector512.Create(Pio2Lo));
        var w = (s.AsUInt64() & Vector512.Create(HighWord)).AsDouble();
        var c = (t - w * w) / (s + w);
        var pio4 = Vector512.Create(Pio4Hi);
        var resultSplit = pio4 - ((two * s * r - (Vector512.Create(Pio2Lo) - two * c)) - (pio4 - two * w));
        var large = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(ax, Vector512.Create(SplitBelow)), resultSteep, resultSplit);
        return Vector512.ConditionalSelect(small, resultSmall, Vector512.CopySign(large, x));
    }
}
