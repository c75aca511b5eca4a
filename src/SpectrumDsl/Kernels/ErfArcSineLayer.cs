using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The erf layer of the arc-sine recursion (docs/design.md#erf, c_sigma = 1): with norm = sqrt(a_x a_z) and
/// a_x = 1 + 2 Sigma(x, x), rho = clamp(2 sigma / norm, -1, 1), sigmaNext = (2/pi) asin(rho) + beta^2 and
/// sigmaDot = (4/pi) / sqrt(max(norm^2 - 4 sigma^2, 1)).
/// </summary>
/// <remarks>
/// Both clamps only undo round-off: for any covariance (Cauchy-Schwarz sigma^2 &lt;= Sigma(x,x) Sigma(z,z))
/// a_x a_z - 4 sigma^2 &gt;= 1 + 2 Sigma(x,x) + 2 Sigma(z,z) &gt;= 1, so |rho| &lt; 1 and the square root's argument is
/// at least 1; unlike the arc-cosine there is no singular point, the diagonal included (there it is 1 + 4 Sigma(x,x)).
/// asin(rho) is evaluated with <see cref="ArcSine"/> (the same bits at every width): directly as rho + rho R(rho^2) for
/// |rho| &lt; 1/2, so Sigma keeps its relative accuracy however small the inputs (at zero correlation without bias it
/// is exactly 0, and the diagonal is never negative: rho &gt;= 0 there gives asin(rho) &gt;= 0), and from
/// 1 - |rho| near |rho| = 1. Taking it as pi/2 - acos(rho) instead would leave an absolute error of a few ulps of
/// pi/2, i.e. about 1e-17 of noise of either sign where the exact value is 0 or tiny.
/// sigma and norm arrive rounded, so norm^2 - 4 sigma^2, a small difference of large numbers for nearly parallel
/// points of large norm, carries a relative error of about eps a_x a_z / (a_x a_z - 4 sigma^2), and so does sigmaDot.
/// </remarks>
internal readonly struct ErfArcSineLayer(double betaSquared) : ILayerRecursion
{
    private const double TwoOverPi = 2 / ArcCosine.Pi;
    private const double FourOverPi = 4 / ArcCosine.Pi;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Norm(double rowVariance, double columnVariance) =>
        Math.Sqrt(Math.FusedMultiplyAdd(2, rowVariance, 1) * Math.FusedMultiplyAdd(2, columnVariance, 1));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Norm(Vector256<double> rowVariance, Vector256<double> columnVariance)
    {
        var two = Vector256.Create(2.0);
        var one = Vector256<double>.One;
        return Vector256.Sqrt(Vector256.FusedMultiplyAdd(two, rowVariance, one) * Vector256.FusedMultiplyAdd(two, columnVariance, one));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> Norm(Vector512<double> rowVariance, Vector512<double> columnVariance)
    {
        var two = Vector512.Create(2.0);
        var one = Vector512<double>.One;
        return Vector512.Sqrt(Vector512.FusedMultiplyAdd(two, rowVariance, one) * Vector512.FusedMultiplyAdd(two, columnVariance, one));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(double sigma, double norm, out double sigmaNext, out double sigmaDot)
    {
        double twice = 2 * sigma;
        double rho = Math.Min(Math.Max(twice / norm, -1), 1);
        sigmaNext = Math.FusedMultiplyAdd(TwoOverPi, default(ArcSine).Invoke(rho), betaSquared);
        double determinant = Math.Max((norm - twice) * (norm + twice), 1);
        sigmaDot = FourOverPi / Math.Sqrt(determinant);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(Vector256<double> sigma, Vector256<double> norm, out Vector256<double> sigmaNext, out Vector256<double> sigmaDot)
    {
        var one = Vector256<double>.One;
        var twice = Vector256.Create(2.0) * sigma;
        var rho = Vector256.Min(Vector256.Max(twice / norm, -one), one);
        sigmaNext = Vector256.FusedMultiplyAdd(Vector256.Create(TwoOverPi), default(ArcSine).Invoke(rho), Vector256.Create(betaSquared));
        var determinant = Vector256.Max((norm - twice) * (norm + twice), one);
        sigmaDot = Vector256.Create(FourOverPi) / Vector256.Sqrt(determinant);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(Vector512<double> sigma, Vector512<double> norm, out Vector512<double> sigmaNext, out Vector512<double> sigmaDot)
    {
        var one = Vector512<double>.One;
        var twice = Vector512.Create(2.0) * sigma;
        var rho = Vector512.Min(Vector512.Max(twice / norm, -one), one);
        sigmaNext = Vector512.FusedMultiplyAdd(Vector512.Create(TwoOverPi), default(ArcSine).Invoke(rho), Vector512.Create(betaSquared));
        var determinant = Vector512.Max((norm - twice) * (norm + twice), one);
        sigmaDot = Vector512.Create(FourOverPi) / Vector512.Sqrt(determinant);
    }
}
