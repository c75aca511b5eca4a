using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The ReLU layer of the arc-cosine recursion (docs/design.md#network, c_sigma = 2): rho = clamp(sigma / norm, -1, 1),
/// angle = acos(rho), sigmaNext = norm (sin(angle) + (pi - angle) rho) / pi + beta^2, sigmaDot = (pi - angle) / pi,
/// with sin(angle) = sqrt((1 - rho)(1 + rho)) and norm = sqrt(Sigma(x,x) Sigma(z,z)). Where the norm is 0 (a zero
/// input without bias) rho is taken as 0, so sigmaNext = beta^2 and sigmaDot = 1/2.
/// </summary>
internal readonly struct ReluArcCosineLayer(double betaSquared) : ILayerRecursion
{
    private const double Pi = ArcCosine.Pi;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Norm(double rowVariance, double columnVariance) => Math.Sqrt(rowVariance * columnVariance);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Norm(Vector256<double> rowVariance, Vector256<double> columnVariance) => Vector256.Sqrt(rowVariance * columnVariance);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Norm(Vector512<double> rowVariance, Vector512<double> columnVariance) => Vector512.Sqrt(rowVariance * columnVariance);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(double sigma, double norm, out double sigmaNext, out double sigmaDot)
    {
        double rho = norm == 0 ? 0 : sigma / norm;
        rho = Math.Min(Math.Max(rho, -1), 1);
        double rest = Pi - default(ArcCosine).Invoke(rho);
        double sin = Math.Sqrt(Math.Max((1 - rho) * (1 + rho), 0));
        sigmaNext = Math.FusedMultiplyAdd(norm * Math.FusedMultiplyAdd(rest, rho, sin), 1 / Pi, betaSquared);
        sigmaDot = rest * (1 / Pi);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(Vector256<double> sigma, Vector256<double> norm, out Vector256<double> sigmaNext, out Vector256<double> sigmaDot)
    {
        var one = Vector256<double>.One;
        var rho = Vector256.ConditionalSelect(Vector256.Equals(norm, Vector256<double>.Zero), Vector256<double>.Zero, sigma / norm);
        rho = Vector256.Min(Vector256.Max(rho, -one), one);
        var rest = Vector256.Create(Pi) - default(ArcCosine).Invoke(rho);
        var sin = Vector256.Sqrt(Vector256.Max((one - rho) * (one + rho), Vector256<double>.Zero));
        var invPi = Vector256.Create(1 / Pi);
        sigmaNext = Vector256.FusedMultiplyAdd(norm * Vector256.FusedMultiplyAdd(rest, rho, sin), invPi, Vector256.Create(betaSquared));
        sigmaDot = rest * invPi;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(Vector512<double> sigma, Vector512<double> norm, out Vector512<double> sigmaNext, out Vector512<double> sigmaDot)
    {
        var one = Vector512<double>.One;
        var rho = Vector512.ConditionalSelect(Vector512.Equals(norm, Vector512<double>.Zero), Vector512<double>.Zero, sigma / norm);
        rho = Vector512.Min(Vector512.Max(rho, -one), one);
        var rest = Vector512.Create(Pi) - default(ArcCosine).Invoke(rho);
        var sin = Vector512.Sqrt(Vector512.Max((one - rho) * (one + rho), Vector512<double>.Zero));
        var invPi = Vector512.Create(1 / Pi);
        sigmaNext = Vector512.FusedMultiplyAdd(norm * Vector512.FusedMultiplyAdd(rest, rho, sin), invPi, Vector512.Create(betaSquared));
        sigmaDot = rest * invPi;
    }
}
