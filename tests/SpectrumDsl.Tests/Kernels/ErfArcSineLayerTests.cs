using SpectrumDsl.Kernels;
using SpectrumDsl.Tests.LinearAlgebra;

namespace SpectrumDsl.Tests.Kernels;

/// <summary>The erf arc-sine layer on the generic block driver against Math.Asin, for every code path, relatively accurate for tiny correlations.</summary>
[Collection(ControlCollection.Name)]
public class ErfArcSineLayerTests
{
    public static IEnumerable<object[]> Widths() => VectorMathTests.Widths();

    [Theory]
    [MemberData(nameof(Widths))]
    public void ErfArcSineStepMatchesMathAsin(int width)
    {
        VectorMathTests.WithWidth(width, () =>
        {
            var rng = new Random(5);
            const int n = 10_007;
            double[] sigma = new double[n], norm = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sxx = 5 * rng.NextDouble(), szz = 5 * rng.NextDouble();
                norm[i] = Math.Sqrt((1 + 2 * sxx) * (1 + 2 * szz));
                sigma[i] = Math.Sqrt(sxx * szz) * (2 * rng.NextDouble() - 1);
            }

            // The diagonal (sigma = Sigma(x,x), norm = 1 + 2 sigma), zero variance, and Cauchy-Schwarz's extremes.
            sigma[0] = 2.5;
            norm[0] = 6;
            sigma[1] = 0;
            norm[1] = 1;
            sigma[2] = -2.5;
            norm[2] = 6;
            // Tiny correlations, where the value must stay relatively accurate (a tiny input or a nearly orthogonal pair).
            sigma[3] = 1e-20;
            norm[3] = 1;
            sigma[4] = -3e-300;
            norm[4] = 1.5;
            foreach (double beta2 in new[] { 0.0, 0.25 })
            {
                double[] next = new double[n], dot = new double[n];
                LayerRecursion.Step(new ErfArcSineLayer(beta2), sigma, norm, next, dot);
                for (int i = 0; i < n; i++)
                {
                    double expectedNext = 2 / Math.PI * Math.Asin(2 * sigma[i] / norm[i]) + beta2;
                    double expectedDot = 4 / Math.PI / Math.Sqrt(norm[i] * norm[i] - 4 * sigma[i] * sigma[i]);
                    // Relative to the magnitude of the terms, (2/pi) |asin(rho)| + beta^2, however small: both sides are a
                    // quotient, an arcsine within an ulp or two (whose condition number is below 2 for |rho| <= 10/11, the
                    // largest here) and a multiply-add, 8 eps with room; sigmaDot is a plain quotient.
                    double magnitude = 2 / Math.PI * Math.Abs(Math.Asin(2 * sigma[i] / norm[i])) + beta2;
                    Assert.True(Math.Abs(next[i] - expectedNext) <= 8 * 2.220446049250313e-16 * magnitude, $"sigmaNext[{i}] {next[i]:R} vs {expectedNext:R}");
                    Assert.True(Math.Abs(dot[i] - expectedDot) <= 1e-15 * expectedDot, $"sigmaDot[{i}] {dot[i]:R} vs {expectedDot:R}");
                }

                // Diagonal: sigmaDot = (4/pi) / sqrt(1 + 4 sigma) = (4/pi) / sqrt(11) at sigma = 2.5; zero variance gives beta^2 and 4/pi.
                Assert.Equal(4 / Math.PI / Math.Sqrt(11), dot[0], 15);
                Assert.Equal(beta2, next[1]);
                if (beta2 == 0)
                {
                    // (2/pi) asin(2e-20) = (4/pi) 1e-20 up to a relative 1e-40: without bias the tiny value is relatively exact.
                    Assert.Equal(1.0, next[3] / (4 / Math.PI * 1e-20), 4 * 2.220446049250313e-16);
                }
                Assert.Equal(4 / Math.PI, dot[1], 15);
                Assert.Equal(-(next[0] - beta2) + beta2, next[2], 15);
            }
        });
    }

    [Fact]
    public void Norm_is_the_geometric_mean_of_one_plus_twice_the_variances()
    {
        Assert.Equal(Math.Sqrt(3.0 * 9.0), new ErfArcSineLayer(0).Norm(1.0, 4.0), 15);
    }
}
