using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// fdlibm's rational approximation (e_asin.c, e_acos.c) asin(t)/t - 1 = z R(z) with z = t^2, R = P(z)/Q(z), accurate
/// for z &lt;= 1/4, and its pi/2 split in two doubles; shared by <see cref="ArcCosine"/> and <see cref="ArcSine"/> so
/// the two evaluate the same polynomial with the same operations at every width.
/// </summary>
internal static class ArcSineRational
{
    internal const double Pio2Hi = 1.57079632679489655800e+00;
    internal const double Pio2Lo = 6.12323399573676603587e-17;
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

    /// <summary>z R(z) = z P(z) / Q(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Evaluate(double z)
    {
        double p = z * Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, PS5, PS4), PS3), PS2), PS1), PS0);
        double q = Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, QS4, QS3), QS2), QS1), 1.0);
        return p / q;
    }

    /// <inheritdoc cref="Evaluate(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Evaluate(Vector256<double> z)
    {
        var p = z * Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.Create(PS5), Vector256.Create(PS4)), Vector256.Create(PS3)), Vector256.Create(PS2)), Vector256.Create(PS1)), Vector256.Create(PS0));
        var q = Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.FusedMultiplyAdd(z, Vector256.Create(QS4), Vector256.Create(QS3)), Vector256.Create(QS2)), Vector256.Create(QS1)), Vector256<double>.One);
        return p / q;
    }

    /// <inheritdoc cref="Evaluate(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Evaluate(Vector512<double> z)
    {
        var p = z * Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(PS5), Vector512.Create(PS4)), Vector512.Create(PS3)), Vector512.Create(PS2)), Vector512.Create(PS1)), Vector512.Create(PS0));
        var q = Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.FusedMultiplyAdd(z, Vector512.Create(QS4), Vector512.Create(QS3)), Vector512.Create(QS2)), Vector512.Create(QS1)), Vector512<double>.One);
        return p / q;
    }
}
