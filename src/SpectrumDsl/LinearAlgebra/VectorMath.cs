namespace SpectrumDsl.LinearAlgebra;

/// <summary>Vectorised element-wise maps over spans (the operators in this folder run through <see cref="Simd"/>).</summary>
internal static class VectorMath
{
    /// <summary>
    /// result[i] = acos(clamp(x[i], -1, 1)), within 1 ulp of <see cref="Math.Acos"/> (see <see cref="ArcCosine"/>).
    /// <paramref name="result"/> may be the same span as <paramref name="x"/>.
    /// </summary>
    public static void Acos(ReadOnlySpan<double> x, Span<double> result) => Simd.Map(x, result, default(ArcCosine));

    /// <summary>
    /// result[i] = asin(clamp(x[i], -1, 1)), within 1 ulp, so relatively accurate however small x is (see
    /// <see cref="ArcSine"/>). <paramref name="result"/> may be the same span as <paramref name="x"/>.
    /// </summary>
    public static void Asin(ReadOnlySpan<double> x, Span<double> result) => Simd.Map(x, result, default(ArcSine));
}
