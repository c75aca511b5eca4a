using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>Vectorised asin (the Erf layer's arcsine, Kernels/ErfArcSineLayerTests) against Math.Asin, for every code path.</summary>
[Collection(ControlCollection.Name)]
public class ArcSineTests
{
    public static IEnumerable<object[]> Widths() => VectorMathTests.Widths();

    private static double Ulp(double value) => Math.BitIncrement(Math.Abs(value)) - Math.Abs(value);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Asin_is_within_two_ulps_of_Math_Asin_relatively_so_for_tiny_arguments(int width)
    {
        VectorMathTests.WithWidth(width, () =>
        {
            double[] x = VectorMathTests.Grid();
            double[] y = new double[x.Length];
            VectorMath.Asin(x, y);
            double worst = 0, at = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double expected = Math.Asin(Math.Clamp(x[i], -1, 1));
                // In units of the result's own last place, so tiny arguments (down to the subnormal double.Epsilon) are held
                // to relative accuracy, not to an absolute error of pi/2's ulp. fdlibm's formulas are within 1 ulp of the
                // exact value, the platform's Math.Asin too: at most 2 ulps between them (1 measured here).
                double ulps = expected == 0 ? (y[i] == 0 ? 0 : double.PositiveInfinity) : Math.Abs(y[i] - expected) / Ulp(expected);
                if (ulps > worst)
                {
                    worst = ulps;
                    at = x[i];
                }
            }

            Assert.True(worst <= 2, $"max asin error {worst:F2} ulps at x = {at:R}");
        });
    }

    [Fact]
    public void Asin_is_odd_exactly_zero_at_zero_and_clamps_outside_the_unit_interval()
    {
        double[] x = VectorMathTests.Grid();
        double[] y = new double[x.Length], minus = new double[x.Length];
        VectorMath.Asin(x, y);
        VectorMath.Asin(x.Select(v => -v).ToArray(), minus);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(-y[i]), BitConverter.DoubleToInt64Bits(minus[i]));
        }

        double[] edges = [0, -0.0, 1 + 1e-16, 1.5, -1.5, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1, -1];
        double[] result = new double[edges.Length];
        VectorMath.Asin(edges, result);
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(result[0]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(result[1]));
        foreach (int i in new[] { 2, 3, 5, 8 })
        {
            Assert.Equal(Math.PI / 2, result[i]);
        }

        foreach (int i in new[] { 4, 6, 9 })
        {
            Assert.Equal(-Math.PI / 2, result[i]);
        }

        Assert.True(double.IsNaN(result[7]));
    }

    [Fact]
    public void Asin_vector_and_scalar_paths_agree_bitwise()
    {
        double[] x = VectorMathTests.Grid();
        double[] scalar = new double[x.Length];
        VectorMathTests.WithWidth(64, () => VectorMath.Asin(x, scalar));
        foreach (int w in new[] { 512, 256 })
        {
            double[] vector = new double[x.Length];
            VectorMathTests.WithWidth(w, () => VectorMath.Asin(x, vector));
            Assert.Equal(scalar, vector);
        }
    }
}
