using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Spectra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Kernels;

/// <summary>The Erf network's kernels (docs/design.md#erf) against independent facts: Gaussian expectations by quadrature, a per-point recursion, the circle's spectrum.</summary>
public class ErfKernelFactsTests
{
    // Composite Gauss-Legendre on [-9, 9] (36 panels of 16 nodes) for a standard normal variable: the tail beyond 9
    // weighs 1e-19 and the integrands (products of erf, exp and the Gaussian density) are smooth on every panel,
    // so the rule converges to round-off.
    private static readonly (double Node, double Weight)[] Normal = Enumerable.Range(0, 36)
        .SelectMany(panel =>
        {
            var rule = new GaussLegendreRule(-9 + 0.5 * panel, -8.5 + 0.5 * panel, 16);
            return Enumerable.Range(0, 16).Select(i => (rule.GetAbscissa(i), rule.GetWeight(i) * Math.Exp(-rule.GetAbscissa(i) * rule.GetAbscissa(i) / 2) / Math.Sqrt(2 * Math.PI)));
        })
        .ToArray();

    /// <summary>E[f(u) g(v)] for (u, v) centred Gaussian with the covariance (suu, suv; suv, svv), by 2-D quadrature.</summary>
    private static double Expectation(Func<double, double> f, Func<double, double> g, double suu, double suv, double svv)
    {
        // Cholesky: u = a z1, v = b z1 + c z2.
        var a = Math.Sqrt(suu);
        var b = suv / a;
        var c = Math.Sqrt(Math.Max(svv - b * b, 0));
        var sum = 0.0;
        foreach (var (z1, w1) in Normal)
        {
            var fu = f(a * z1);
            foreach (var (z2, w2) in Normal)
            {
                sum += w1 * w2 * fu * g(b * z1 + c * z2);
            }
        }

        return sum;
    }

    private static double ErfSlope(double u) => 2 / Math.Sqrt(Math.PI) * Math.Exp(-u * u);

    public static TheoryData<double[], double[], double> Pairs() => new()
    {
        // Different norms, a pair at x = z (the diagonal), an antiparallel pair, with and without bias.
        { new[] { 0.3, -1.2, 0.5 }, new[] { 1.5, 0.2, -0.7 }, 1.0 },
        { new[] { 0.3, -1.2, 0.5 }, new[] { 0.3, -1.2, 0.5 }, 0.7 },
        { new[] { 2.0, 1.0, -1.0 }, new[] { -2.0, -1.0, 1.0 }, 0.0 },
        { new[] { 0.1, 0.0, 0.2 }, new[] { 3.0, -2.0, 1.0 }, 0.0 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void One_layer_kernels_are_the_Gaussian_expectations_of_erf_and_its_derivative(double[] xs, double[] zs, double beta)
    {
        var x = Vector<double>.Build.DenseOfArray(xs);
        var z = Vector<double>.Build.DenseOfArray(zs);
        var d = x.Count;
        var beta2 = beta * beta;
        var suu = x.DotProduct(x) / d + beta2;
        var suv = x.DotProduct(z) / d + beta2;
        var svv = z.DotProduct(z) / d + beta2;
        // Sigma1 = E[erf(u) erf(v)] + beta^2; Theta1 = Sigma0 E[erf'(u) erf'(v)] + Sigma1.
        var sigma1 = Expectation(ErfSeries.Erf, ErfSeries.Erf, suu, suv, svv) + beta2;
        var theta1 = suv * Expectation(ErfSlope, ErfSlope, suu, suv, svv) + sigma1;
        var architecture = NetworkArchitecture.Erf(1, beta);
        // Quadrature converged to ~1e-14; the closed forms are within a few ulps: 1e-12 leaves room for both.
        Assert.Equal(sigma1, architecture.Nngp().Evaluate(x, z), 1e-12);
        Assert.Equal(theta1, architecture.Ntk().Evaluate(x, z), 1e-12);
    }

    /// <summary>The recursion of docs/design.md#erf written per point with Math.Asin, sharing no code with the library.</summary>
    private static double Reference(Vector<double> x, Vector<double> z, int depth, double beta, bool ntk)
    {
        var d = x.Count;
        var beta2 = beta * beta;
        double sxx = x.DotProduct(x) / d + beta2, szz = z.DotProduct(z) / d + beta2, sxz = x.DotProduct(z) / d + beta2;
        var theta = sxz;
        for (var l = 1; l <= depth; l++)
        {
            double ax = 1 + 2 * sxx, az = 1 + 2 * szz;
            var dot = 4 / Math.PI / Math.Sqrt(ax * az - 4 * sxz * sxz);
            sxz = 2 / Math.PI * Math.Asin(2 * sxz / Math.Sqrt(ax * az)) + beta2;
            sxx = 2 / Math.PI * Math.Asin(2 * sxx / ax) + beta2;
            szz = 2 / Math.PI * Math.Asin(2 * szz / az) + beta2;
            theta = theta * dot + sxz;
        }

        return ntk ? theta : sxz;
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(3, 0.0)]
    [InlineData(3, 1.0)]
    public void Gram_cross_and_pointwise_values_match_the_per_point_recursion_for_points_of_different_norms(int depth, double beta)
    {
        // Points in a box: every norm differs, so each pair needs its own diagonal variances (no sphere restriction).
        var x = Numerics.RandomPoints(23, 4, seed: 2) * 1.7;
        var z = Numerics.RandomPoints(9, 4, seed: 3) * 0.6;
        var architecture = NetworkArchitecture.Erf(depth, beta);
        foreach (var ntk in new[] { true, false })
        {
            NetworkKernel kernel = ntk ? architecture.Ntk() : architecture.Nngp();
            var gram = kernel.Gram(x);
            var cross = kernel.Cross(z, x);
            for (var i = 0; i < x.RowCount; i++)
            {
                for (var j = 0; j < x.RowCount; j++)
                {
                    // Same formulas in another order of operations (fdlibm's asin against Math.Asin, both within an ulp): a few
                    // ulps of the O(1) values per layer, far inside 1e-13.
                    Assert.Equal(Reference(x.Row(i), x.Row(j), depth, beta, ntk), gram[i, j], 1e-13);
                }

                for (var j = 0; j < z.RowCount; j++)
                {
                    var expected = Reference(z.Row(j), x.Row(i), depth, beta, ntk);
                    Assert.Equal(expected, cross[j, i], 1e-13);
                    Assert.Equal(expected, kernel.Evaluate(z.Row(j), x.Row(i)), 1e-13);
                }
            }
        }
    }

    /// <summary>lambda_k on the circle by the trapezoid rule on n equally spaced angles: exact up to aliasing, which decays like the spectrum itself.</summary>
    private static double CircleEigenvalue(ISphericalKernel kernel, int degree)
    {
        const int n = 512;
        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            var theta = 2 * Math.PI * j / n;
            sum += kernel.OnSphere(Math.Cos(theta), 2) * Math.Cos(degree * theta);
        }

        return sum / n;
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.5)]
    [InlineData(1, 0.0)]
    public void Funk_Hecke_eigenvalues_on_the_circle_match_the_trapezoid_rule(int depth, double beta)
    {
        var kernel = NetworkArchitecture.Erf(depth, beta).Ntk();
        for (var k = 0; k <= 12; k++)
        {
            var expected = CircleEigenvalue(kernel, k);
            // Both rules are converged to round-off of the O(1) kernel values: 1e-13 absolute.
            Assert.Equal(expected, SphereSpectrum.Eigenvalue(kernel, 2, k), 1e-13);
        }
    }

    [Fact]
    public void On_the_circle_with_bias_the_eigenvalues_fall_geometrically_while_ReLU_follows_a_power_law()
    {
        var erf = NetworkArchitecture.Erf(1, 1.0).Ntk();
        var relu = NetworkArchitecture.Relu(1, 1.0).Ntk();
        var erfRatios = new List<double>();
        for (var k = 2; k < 12; k++)
        {
            erfRatios.Add(SphereSpectrum.Eigenvalue(erf, 2, k) / SphereSpectrum.Eigenvalue(erf, 2, k + 1));
        }

        // Geometric decay from degree 2 on (measured lambda_k / lambda_(k+1) = 4.47, 4.64, 4.24, 4.17, 4.08, 4.03, 3.99,
        // 3.96, 3.93, 3.91 for k = 2..11; degree 1 stands out, 9.9, as Theta = Sigma0 SigmaDot + Sigma1 carries the
        // linear Sigma0 = t/2 + 1): every ratio stays in one band and does not drift towards 1 as a power law's does.
        Console.WriteLine("Erf ratios: " + string.Join(", ", erfRatios.Select(r => r.ToString("F3"))));
        Assert.All(erfRatios, ratio => Assert.InRange(ratio, 3.0, 6.0));
        Assert.InRange(erfRatios[^1] / erfRatios[0], 0.7, 1.3);
        // The rate is analytic: on the circle with bias 1, 2 Sigma0 = t + 2 reaches sqrt(a_x a_z) = 4 at t = 2, where
        // SigmaDot has an inverse-square-root singularity; Chebyshev coefficients of (2 - t)^(-1/2) fall like
        // k^(-1/2) rho^(-k) with rho = 2 + sqrt(3), so lambda_k / lambda_(k+1) ~ (2 + sqrt 3)(1 + 1/(2k)).
        // docs/design.md#erf states how close: above the formula by 0.79 %, 0.67 %, 0.49 %, 0.40 %, 0.32 %, 0.26 % for
        // k = 6..11, so within 0.8 % from k = 6 and within 0.6 % from k = 8, the excess shrinking with k as the next
        // order of the expansion does. The eigenvalues are quadratures converged to 1e-13 (the Funk-Hecke test above)
        // and lambda_12 = 1.6e-8, so every ratio is good to 1e-5 relative: these percentages are the kernel's.
        var excess = Enumerable.Range(6, 6).Select(k => erfRatios[k - 2] / ((2 + Math.Sqrt(3)) * (1 + 0.5 / k)) - 1).ToArray();
        Console.WriteLine("Erf excess over (2 + sqrt 3)(1 + 1/(2k)), k = 6..11: " + string.Join(", ", excess.Select(e => (100 * e).ToString("F2") + " %")));
        Assert.All(excess, e => Assert.InRange(e, 0, 0.008));
        Assert.All(excess.Skip(2), e => Assert.InRange(e, 0, 0.006));
        Assert.True(excess[1] > 0.006, $"the 0.6 % bound starts at k = 8, not 7: excess at k = 7 is {excess[1]:P3}");
        for (var i = 1; i < excess.Length; i++)
        {
            Assert.True(excess[i] < excess[i - 1], $"the excess should shrink with k: {excess[i - 1]:P3} then {excess[i]:P3}");
        }
        // ReLU's NTK on the circle decays like k^-2 (docs/design.md#sphere-spectra): lambda_10 / lambda_12 is near (12/10)^2.
        var reluRatio = SphereSpectrum.Eigenvalue(relu, 2, 10) / SphereSpectrum.Eigenvalue(relu, 2, 12);
        Assert.InRange(reluRatio, 1.0, 2.0);
        var erfRatio = erfRatios[8] * erfRatios[9];
        Assert.True(erfRatio > 4 * reluRatio, $"Erf's lambda_10/lambda_12 {erfRatio} vs ReLU's {reluRatio}");
        Console.WriteLine($"ReLU lambda_10/lambda_12 {reluRatio:F3}, Erf {erfRatio:F3}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Without_bias_the_even_degrees_vanish_because_erf_is_odd(int depth)
    {
        var kernel = NetworkArchitecture.Erf(depth, 0.0).Ntk();
        for (var k = 0; k <= 10; k++)
        {
            var value = SphereSpectrum.Eigenvalue(kernel, 2, k);
            if (k % 2 == 0)
            {
                // An odd profile integrates to zero against an even Chebyshev polynomial: only round-off remains.
                Assert.True(Math.Abs(value) < 1e-14, $"degree {k}: {value}");
            }
            else
            {
                Assert.True(value > 1e-9, $"degree {k}: {value}");
            }
        }
    }

    [Fact]
    public void Diagonal_is_the_arc_sine_of_the_variance()
    {
        // E[erf(u)^2] for u ~ N(0, s): (2/pi) asin(2s / (1 + 2s)), by 1-D quadrature of the series erf.
        foreach (var s in new[] { 0.05, 0.5, 1.0, 4.0 })
        {
            var x = Vector<double>.Build.DenseOfArray([Math.Sqrt(2 * s), 0.0]);
            var quadrature = Normal.Sum(rule => rule.Weight * Math.Pow(ErfSeries.Erf(Math.Sqrt(s) * rule.Node), 2));
            Assert.Equal(quadrature, NetworkArchitecture.Erf(1, 0.0).Nngp().Evaluate(x, x), 1e-13);
            Assert.Equal(2 / Math.PI * Math.Asin(2 * s / (1 + 2 * s)), quadrature, 1e-13);
        }
    }
}
