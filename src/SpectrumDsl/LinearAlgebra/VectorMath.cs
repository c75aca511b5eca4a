using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// Vectorised elementwise maps for kernel construction (Vector512 or Vector256 with FMA, with a scalar
/// tail and fallback computing the same formula, so a value's result does not depend on its position).
/// </summary>
public static class VectorMath
{
    // fdlibm e_acos.c: acos(x) via the rational approximation asin(t)/t - 1 = z R(z), R = P(z)/Q(z).
    private const double Pi = 3.14159265358979311600e+00;
    private const double Pio2Hi = 1.57079632679489655800e+00;
    private const double Pio2Lo = 6.12323399573676603587e-17;
    private const double PS0 = 1.66666666666666657415e-01;
    private const double PS1 = -3.25565818622400915405e-01;
    private const double PS2 = 2.01212532134862925881e-01;
    private const double PS3 = -4.00555345006794114027e-02;
    private const double PS4 = 7.91534994289814532176e-04;
    private const double PS5 = 3.47933107596021167570e-05;
    private const double QS1 = -2.40339491173441421878e+00;
    private const double QS2 = 2.02094576023350569471e+00;
    private const double QS3 = -6.88283971605453293030e-01;
    private const double QS4 = 7.70381505559019352791e-02;

    /// <summary>Which code path the vector routines take (tests may force a narrower one).</summary>
    internal static int ForcedWidth { get; set; }

    private static int Width =>
        ForcedWidth != 0 ? ForcedWidth
        : Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : 64;

    /// <summary>
    /// result[i] = acos(clamp(x[i], -1, 1)), absolute error about 1e-15 or better against <see cref="Math.Acos"/>.
    /// Inputs are clamped first because round-off can produce 1 + 1e-16; NaN stays NaN.
    /// <paramref name="result"/> may be the same span as <paramref name="x"/>.
    /// </summary>
    public static void Acos(ReadOnlySpan<double> x, Span<double> result)
    {
        if (result.Length != x.Length)
        {
            throw new ArgumentException($"result has length {result.Length} but x has length {x.Length}.", nameof(result));
        }

        ref double src = ref MemoryMarshal.GetReference(x);
        ref double dst = ref MemoryMarshal.GetReference(result);
        int n = x.Length;
        int i = 0;
        int width = Width;
        if (width == 512)
        {
            for (; i + 8 <= n; i += 8)
            {
                Acos512(Vector512.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        else if (width == 256)
        {
            for (; i + 4 <= n; i += 4)
            {
                Acos256(Vector256.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref dst, i) = AcosScalar(Unsafe.Add(ref src, i));
        }
    }

    /// <summary>
    /// One layer of the ReLU arc-cosine recursion (DESIGN 2.1), elementwise over a block:
    /// rho = clamp(sigma / norm, -1, 1), angle = acos(rho),
    /// sigmaNext = norm (sin(angle) + (pi - angle) rho) / pi + betaSquared, sigmaDot = (pi - angle) / pi,
    /// with sin(angle) = sqrt((1 - rho)(1 + rho)). <paramref name="norm"/> is sqrt(Sigma(x,x) Sigma(z,z));
    /// where it is 0 (a zero input without bias) rho is taken as 0, so sigmaNext = betaSquared and sigmaDot = 1/2.
    /// The outputs may alias the inputs elementwise (same span).
    /// </summary>
    public static void ReluArcCosineStep(ReadOnlySpan<double> sigma, ReadOnlySpan<double> norm, double betaSquared, Span<double> sigmaNext, Span<double> sigmaDot)
    {
        int n = sigma.Length;
        if (norm.Length != n)
        {
            throw new ArgumentException($"norm has length {norm.Length} but sigma has length {n}.", nameof(norm));
        }

        if (sigmaNext.Length != n)
        {
            throw new ArgumentException($"sigmaNext has length {sigmaNext.Length} but sigma has length {n}.", nameof(sigmaNext));
        }

        if (sigmaDot.Length != n)
        {
            throw new ArgumentException($"sigmaDot has length {sigmaDot.Length} but sigma has length {n}.", nameof(sigmaDot));
        }

        ref double s = ref MemoryMarshal.GetReference(sigma);
        ref double nm = ref MemoryMarshal.GetReference(norm);
        ref double outNext = ref MemoryMarshal.GetReference(sigmaNext);
        ref double outDot = ref MemoryMarshal.GetReference(sigmaDot);
        int i = 0;
        int width = Width;
        if (width == 512)
        {
            var one = Vector512<double>.One;
            var pi = Vector512.Create(Pi);
            var invPi = Vector512.Create(1 / Pi);
            var beta2 = Vector512.Create(betaSquared);
            for (; i + 8 <= n; i += 8)
            {
                var sv = Vector512.LoadUnsafe(ref s, (nuint)i);
                var nv = Vector512.LoadUnsafe(ref nm, (nuint)i);
                var rho = Vector512.ConditionalSelect(Vector512.Equals(nv, Vector512<double>.Zero), Vector512<double>.Zero, sv / nv);
                rho = Vector512.Min(Vector512.Max(rho, -one), one);
                var rest = pi - Acos512(rho);
                var sin = Vector512.Sqrt(Vector512.Max((one - rho) * (one + rho), Vector512<double>.Zero));
                var next = Vector512.FusedMultiplyAdd(nv * Vector512.FusedMultiplyAdd(rest, rho, sin), invPi, beta2);
                next.StoreUnsafe(ref outNext, (nuint)i);
                (rest * invPi).StoreUnsafe(ref outDot, (nuint)i);
            }
        }
        else if (width == 256)
        {
            var one = Vector256<double>.One;
            var pi = Vector256.Create(Pi);
            var invPi = Vector256.Create(1 / Pi);
            var beta2 = Vector256.Create(betaSquared);
            for (; i + 4 <= n; i += 4)
            {
                var sv = Vector256.LoadUnsafe(ref s, (nuint)i);
                var nv = Vector256.LoadUnsafe(ref nm, (nuint)i);
                var rho = Vector256.ConditionalSelect(Vector256.Equals(nv, Vector256<double>.Zero), Vector256<double>.Zero, sv / nv);
                rho = Vector256.Min(Vector256.Max(rho, -one), one);
                var rest = pi - Acos256(rho);
                var sin = Vector256.Sqrt(Vector256.Max((one - rho) * (one + rho), Vector256<double>.Zero));
                var next = Vector256.FusedMultiplyAdd(nv * Vector256.FusedMultiplyAdd(rest, rho, sin), invPi, beta2);
                next.StoreUnsafe(ref outNext, (nuint)i);
                (rest * invPi).StoreUnsafe(ref outDot, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            double nv = Unsafe.Add(ref nm, i);
            double rho = nv == 0 ? 0 : Unsafe.Add(ref s, i) / nv;
            rho = Math.Min(Math.Max(rho, -1), 1);
            double rest = Pi - AcosScalar(rho);
            double sin = Math.Sqrt(Math.Max((1 - rho) * (1 + rho), 0));
            Unsafe.Add(ref outNext, i) = Math.FusedMultiplyAdd(nv * Math.FusedMultiplyAdd(rest, rho, sin), 1 / Pi, betaSquared);
            Unsafe.Add(ref outDot, i) = rest * (1 / Pi);
        }
    }

    /// <summary>
    /// The whole ReLU recursion (all <paramref name="depth"/> layers) for one column segment, fused so every
    /// entry stays in registers: entry i starts from sigma = products[i] / dimension + betaSquared (= theta) and
    /// layer l uses norm sqrt(rowVariances[l * rowStride + i] * columnVariances[l * columnStride]); the result (theta when
    /// <paramref name="ntk"/> is set, else sigma) overwrites products[i]. The per-layer operations are exactly those
    /// of <see cref="ReluArcCosineStep"/> followed by theta = theta * sigmaDot + sigmaNext.
    /// </summary>
    internal static unsafe void ReluRecursionSegment(double* products, int length, double* rowVariances, int rowStride,
        double* columnVariances, int columnStride, int depth, double dimension, double betaSquared, bool ntk)
    {
        int i = 0;
        int width = Width;
        if (width == 512)
        {
            var d = Vector512.Create(dimension);
            var b2 = Vector512.Create(betaSquared);
            for (; i + 8 <= length; i += 8)
            {
                var sigma = Vector512.Load(products + i) / d + b2;
                var theta = sigma;
                for (int l = 0; l < depth; l++)
                {
                    var nv = Vector512.Sqrt(Vector512.Load(rowVariances + (long)l * rowStride + i) * Vector512.Create(columnVariances[(long)l * columnStride]));
                    Step512(sigma, nv, b2, out var next, out var dot);
                    theta = theta * dot + next;
                    sigma = next;
                }

                Vector512.Store(ntk ? theta : sigma, products + i);
            }
        }
        else if (width == 256)
        {
            var d = Vector256.Create(dimension);
            var b2 = Vector256.Create(betaSquared);
            for (; i + 4 <= length; i += 4)
            {
                var sigma = Vector256.Load(products + i) / d + b2;
                var theta = sigma;
                for (int l = 0; l < depth; l++)
                {
                    var nv = Vector256.Sqrt(Vector256.Load(rowVariances + (long)l * rowStride + i) * Vector256.Create(columnVariances[(long)l * columnStride]));
                    Step256(sigma, nv, b2, out var next, out var dot);
                    theta = theta * dot + next;
                    sigma = next;
                }

                Vector256.Store(ntk ? theta : sigma, products + i);
            }
        }

        for (; i < length; i++)
        {
            double sigma = products[i] / dimension + betaSquared;
            double theta = sigma;
            for (int l = 0; l < depth; l++)
            {
                double nv = Math.Sqrt(rowVariances[(long)l * rowStride + i] * columnVariances[(long)l * columnStride]);
                StepScalar(sigma, nv, betaSquared, out var next, out var dot);
                theta = theta * dot + next;
                sigma = next;
            }

            products[i] = ntk ? theta : sigma;
        }
    }

    /// <summary>
    /// next[i] = sigmaNext(v[i], norm = sqrt(v[i] v[i])): the recursion at rho = 1 with exactly the operations
    /// <see cref="ReluRecursionSegment"/> applies to a Gram's diagonal, so tables built with it reproduce the
    /// diagonal bit for bit (and rho stays exactly 1 there).
    /// </summary>
    internal static unsafe void ReluSelfStep(double* v, double* next, int length, double betaSquared)
    {
        int i = 0;
        int width = Width;
        if (width == 512)
        {
            var b2 = Vector512.Create(betaSquared);
            for (; i + 8 <= length; i += 8)
            {
                var x = Vector512.Load(v + i);
                Step512(x, Vector512.Sqrt(x * x), b2, out var sn, out _);
                Vector512.Store(sn, next + i);
            }
        }
        else if (width == 256)
        {
            var b2 = Vector256.Create(betaSquared);
            for (; i + 4 <= length; i += 4)
            {
                var x = Vector256.Load(v + i);
                Step256(x, Vector256.Sqrt(x * x), b2, out var sn, out _);
                Vector256.Store(sn, next + i);
            }
        }

        for (; i < length; i++)
        {
            StepScalar(v[i], Math.Sqrt(v[i] * v[i]), betaSquared, out next[i], out _);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(Vector512<double> sv, Vector512<double> nv, Vector512<double> beta2, out Vector512<double> next, out Vector512<double> dot)
    {
        var one = Vector512<double>.One;
        var rho = Vector512.ConditionalSelect(Vector512.Equals(nv, Vector512<double>.Zero), Vector512<double>.Zero, sv / nv);
        rho = Vector512.Min(Vector512.Max(rho, -one), one);
        var rest = Vector512.Create(Pi) - Acos512(rho);
        var sin = Vector512.Sqrt(Vector512.Max((one - rho) * (one + rho), Vector512<double>.Zero));
        var invPi = Vector512.Create(1 / Pi);
        next = Vector512.FusedMultiplyAdd(nv * Vector512.FusedMultiplyAdd(rest, rho, sin), invPi, beta2);
        dot = rest * invPi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(Vector256<double> sv, Vector256<double> nv, Vector256<double> beta2, out Vector256<double> next, out Vector256<double> dot)
    {
        var one = Vector256<double>.One;
        var rho = Vector256.ConditionalSelect(Vector256.Equals(nv, Vector256<double>.Zero), Vector256<double>.Zero, sv / nv);
        rho = Vector256.Min(Vector256.Max(rho, -one), one);
        var rest = Vector256.Create(Pi) - Acos256(rho);
        var sin = Vector256.Sqrt(Vector256.Max((one - rho) * (one + rho), Vector256<double>.Zero));
        var invPi = Vector256.Create(1 / Pi);
        next = Vector256.FusedMultiplyAdd(nv * Vector256.FusedMultiplyAdd(rest, rho, sin), invPi, beta2);
        dot = rest * invPi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepScalar(double sv, double nv, double betaSquared, out double next, out double dot)
    {
        double rho = nv == 0 ? 0 : sv / nv;
        rho = Math.Min(Math.Max(rho, -1), 1);
        double rest = Pi - AcosScalar(rho);
        double sin = Math.Sqrt(Math.Max((1 - rho) * (1 + rho), 0));
        next = Math.FusedMultiplyAdd(nv * Math.FusedMultiplyAdd(rest, rho, sin), 1 / Pi, betaSquared);
        dot = rest * (1 / Pi);
    }

    /// <summary>Scalar acos with the same formula as the vector paths (fdlibm, branch-free blend).</summary>
    internal static double AcosScalar(double x)
    {
        x = Math.Min(Math.Max(x, -1), 1);
        double ax = Math.Abs(x);
        bool small = ax < 0.5;
        double z = small ? x * x : (1 - ax) * 0.5;
        double r = Rational(z);
        if (small)
        {
            return Pio2Hi - (x - (Pio2Lo - x * r));
        }

        double sq = Math.Sqrt(z);
        return x < 0
            ? Pi - 2 * (sq + Math.FusedMultiplyAdd(r, sq, -Pio2Lo))
            : 2 * Math.FusedMultiplyAdd(sq, r, sq);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Rational(double z)
    {
        double p = z * Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, PS5, PS4), PS3), PS2), PS1), PS0);
        double q = Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, QS4, QS3), QS2), QS1), 1.0);
        return p / q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Acos512(Vector512<double> x)
    {
        var one = Vector512<double>.One;
        var half = Vector512.Create(0.5);
        x = Vector512.Min(Vector512.Max(x, -one), one);
        var ax = Vector512.Abs(x);
        var small = Vector512.LessThan(ax, half);
        var z = Vector512.ConditionalSelect(small, x * x, (one - ax) * half);
        var p = z * Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(PS5), Vector512.Create(PS4)), Vector512.Create(PS3)), Vector512.Create(PS2)), Vector512.Create(PS1)), Vector512.Create(PS0));
        var q = Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(QS4), Vector512.Create(QS3)), Vector512.Create(QS2)), Vector512.Create(QS1)), one);
        var r = p / q;
        var lo = Vector512.Create(Pio2Lo);
        var resultSmall = Vector512.Create(Pio2Hi) - (x - (lo - x * r));
        var sq = Vector512.Sqrt(z);
        var two = Vector512.Create(2.0);
        var resultNeg = Vector512.Create(Pi) - two * (sq + Vector512.FusedMultiplyAdd(r, sq, -lo));
        var resultPos = two * Vector512.FusedMultiplyAdd(sq, r, sq);
        var big = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), resultNeg, resultPos);
        return Vector512.ConditionalSelect(small, resultSmall, big);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Acos256(Vector256<double> x)
    {
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        x = Vector256.Min(Vector256.Max(x, -one), one);
        var ax = Vector256.Abs(x);
        var small = Vector256.LessThan(ax, half);
        var z = Vector256.ConditionalSelect(small, x * x, (one - ax) * half);
        var p = z * Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.Create(PS5), Vector256.Create(PS4)), Vector256.Create(PS3)), Vector256.Create(PS2)), Vector256.Create(PS1)), Vector256.Create(PS0));
        var q = Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.Create(QS4), Vector256.Create(QS3)), Vector256.Create(QS2)), Vector256.Create(QS1)), one);
        var r = p / q;
        var lo = Vector256.Create(Pio2Lo);
        var resultSmall = Vector256.Create(Pio2Hi) - (x - (lo - x * r));
        var sq = Vector256.Sqrt(z);
        var two = Vector256.Create(2.0);
        var resultNeg = Vector256.Create(Pi) - two * (sq + Vector256.FusedMultiplyAdd(r, sq, -lo));
        var resultPos = two * Vector256.FusedMultiplyAdd(sq, r, sq);
        var big = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), resultNeg, resultPos);
        return Vector256.ConditionalSelect(small, resultSmall, big);
    }
}
