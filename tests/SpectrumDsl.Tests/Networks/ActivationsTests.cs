using SpectrumDsl.Kernels;
using SpectrumDsl.Networks;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Networks;

/// <summary>The pointwise erf and its derivative against the independent series and closed forms.</summary>
public class ActivationsTests
{
    private static readonly double[] Points = Enumerable.Range(-120, 241).Select(i => i / 20.0).Append(1e-9).Append(-3e-12).ToArray();

    [Fact]
    public void Erf_matches_the_series_to_a_few_ulps()
    {
        var a = new double[Points.Length];
        Activations.Apply(Activation.Erf, Points, a);
        for (var i = 0; i < Points.Length; i++)
        {
            var expected = ErfSeries.Erf(Points[i]);
            // Both are within a few ulps of erf: 1e-15 relative (the brief's accuracy for the network's erf).
            Assert.True(Math.Abs(a[i] - expected) <= 1e-15 * Math.Abs(expected), $"erf({Points[i]:R}) = {a[i]:R} vs {expected:R}");
        }

        // erf(1) to 17 digits (Abramowitz and Stegun table 7.1).
        Assert.Equal(0.84270079294971487, a[Array.IndexOf(Points, 1.0)], 1e-16);
    }

    [Fact]
    public void Derivative_is_two_over_root_pi_exp_minus_u_squared_times_scale()
    {
        var g = Points.Select(_ => 1.5).ToArray();
        Activations.MultiplyDerivative(Activation.Erf, Points, g, 0.5);
        for (var i = 0; i < Points.Length; i++)
        {
            var u = Points[i];
            // Against the central difference of the series erf, h = 1e-5: truncation h^2 |erf'''| / 6 < 1e-10.
            var difference = (ErfSeries.Erf(u + 1e-5) - ErfSeries.Erf(u - 1e-5)) / 2e-5;
            Assert.Equal(0.75 * difference, g[i], 1e-9);
            Assert.Equal(0.75 * 2 / Math.Sqrt(Math.PI) * Math.Exp(-u * u), g[i], 1e-15);
        }
    }

    [Fact]
    public void Scale_factors_are_two_for_relu_and_one_for_erf()
    {
        Assert.Equal(2.0, Activations.ScaleFactor(Activation.Relu));
        Assert.Equal(1.0, Activations.ScaleFactor(Activation.Erf));
    }
}
