using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Networks;

// The pointwise maps of Activations as operators for the element-wise drivers. Every width computes the
// scalar formula's exact operations, so a result does not depend on the width or the chunking.

/// <summary>relu(h) = max(h, 0), as <see cref="Math.Max(double, double)"/> (NaN stays NaN, -0 becomes +0).</summary>
internal readonly struct ReluValue : IUnaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double h) => Math.Max(h, 0.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Invoke(Vector256<double> h) => Vector256.Max(h, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Invoke(Vector512<double> h) => Vector512.Max(h, Vector512<double>.Zero);
}

/// <summary>g' = h > 0 ? scale g : 0, ReLU's derivative applied to a signal g.</summary>
internal readonly struct ReluGate(double scale) : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double h, double g) => h > 0 ? scale * g : 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Invoke(Vector256<double> h, Vector256<double> g) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(h, Vector256<double>.Zero), Vector256.Create(scale) * g, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Invoke(Vector512<double> h, Vector512<double> g) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(h, Vector512<double>.Zero), Vector512.Create(scale) * g, Vector512<double>.Zero);
}

/// <summary>erf(h), lane by lane with MathNet's scalar erf (.NET has no vector erf).</summary>
internal readonly struct ErfValue : IUnaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double h) => SpecialFunctions.Erf(h);

    public Vector256<double> Invoke(Vector256<double> h) =>
        Vector256.Create(Invoke(h[0]), Invoke(h[1]), Invoke(h[2]), Invoke(h[3]));

    public Vector512<double> Invoke(Vector512<double> h) =>
        Vector512.Create(Invoke(h.GetLower()), Invoke(h.GetUpper()));
}

/// <summary>g' = scale erf'(h) g with erf'(u) = (2 / sqrt(pi)) exp(-u^2), lane by lane.</summary>
internal readonly struct ErfGate(double scale) : IBinaryOperator
{
    /// <summary>2 / sqrt(pi), erf'(0).</summary>
    private const double Slope = 1.1283791670955126;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Invoke(double h, double g) => scale * Slope * Math.Exp(-h * h) * g;

    public Vector256<double> Invoke(Vector256<double> h, Vector256<double> g) =>
        Vector256.Create(Invoke(h[0], g[0]), Invoke(h[1], g[1]), Invoke(h[2], g[2]), Invoke(h[3], g[3]));

    public Vector512<double> Invoke(Vector512<double> h, Vector512<double> g) =>
        Vector512.Create(Invoke(h.GetLower(), g.GetLower()), Invoke(h.GetUpper(), g.GetUpper()));
}
