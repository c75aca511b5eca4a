using SpectrumDsl.Kernels;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Tests.Spectra;

public class SphereSpectrumTests
{
    public static TheoryData<double, int, double[]> ReferenceValues() => new()
    {
        // docs/design.md#sphere-spectra, computed independently; given to 6 significant digits.
        { 0.0, 2, new[] { 0.303964, 0.25, 0.0788054, 0.0, 0.00855601 } },
        { 1.0, 2, new[] { 2.9052, 0.462155, 0.0468995, 0.0121044, 0.00620976 } },
        { 0.0, 3, new[] { 0.166667, 0.111111, 0.0260417, 0.0, 0.00173611 } },
    };

    [Theory]
    [MemberData(nameof(ReferenceValues))]
    public void One_layer_NTK_matches_independent_reference_values(double bias, int dimension, double[] expected)
    {
        var kernel = NetworkArchitecture.Relu(1, bias).Ntk();
        for (var k = 0; k < expected.Length; k++)
        {
            var actual = SphereSpectrum.Eigenvalue(kernel, dimension, k);
            // The references carry 6 significant digits: allow 5e-6 relative (1e-9 absolute for the zeros).
            Assert.True(Math.Abs(actual - expected[k]) <= 5e-6 * Math.Abs(expected[k]) + 1e-9,
                $"k = {k}: {actual} vs {expected[k]}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void One_layer_NTK_without_bias_vanishes_at_every_odd_degree_from_three(int dimension)
    {
        var kernel = NetworkArchitecture.Relu(1, 0.0).Ntk();
        var top = SphereSpectrum.Eigenvalue(kernel, dimension, 0);
        for (var k = 3; k <= 21; k += 2)
        {
            Assert.True(Math.Abs(SphereSpectrum.Eigenvalue(kernel, dimension, k)) < 1e-10 * top, $"d = {dimension}, k = {k}");
        }

        // ... while the even degrees stay positive.
        Assert.True(SphereSpectrum.Eigenvalue(kernel, dimension, 20) > 1e-8 * top);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(2, 4)]
    public void NTK_with_bias_is_strictly_positive_at_every_degree(int depth, int dimension)
    {
        var kernel = NetworkArchitecture.Relu(depth, 1.0).Ntk();
        for (var k = 0; k <= 30; k++)
        {
            Assert.True(SphereSpectrum.Eigenvalue(kernel, dimension, k) > 0, $"k = {k}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void NTK_eigenvalues_decay_like_k_to_the_minus_d(int dimension)
    {
        // lambda_k ~ C k^-d: the scaled values k^d lambda_k over k = 10..80 (even k, bias 1)
        // stay within a factor 2 band, while lambda_k itself falls by 8^d.
        var kernel = NetworkArchitecture.Relu(1, 1.0).Ntk();
        var scaled = Enumerable.Range(5, 36).Select(half => 2 * half)
            .Select(k => Math.Pow(k, dimension) * SphereSpectrum.Eigenvalue(kernel, dimension, k)).ToArray();
        Assert.True(scaled.Max() / scaled.Min() < 2.0, $"band {scaled.Min()}..{scaled.Max()}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Gaussian_eigenvalues_times_multiplicities_sum_to_the_trace(int dimension)
    {
        // The Gaussian kernel's spectrum decays super-exponentially, so the trace identity
        // sum_k N(d,k) lambda_k = kappa(1) closes to round-off within 40 degrees.
        var kernel = new GaussianKernel(0.8);
        var sum = Enumerable.Range(0, 41).Sum(k => SphereSpectrum.Multiplicity(dimension, k) * SphereSpectrum.Eigenvalue(kernel, dimension, k));
        Assert.Equal(kernel.OnSphere(1.0, dimension), sum, 10);
    }

    [Fact]
    public void NTK_eigenvalues_times_multiplicities_sum_to_the_trace_up_to_the_tail()
    {
        // On the circle lambda_k ~ C k^-2 with multiplicity 2, so the tail after K degrees is
        // about 2C/K. Estimate C from the last even degrees and check the identity within it.
        var kernel = NetworkArchitecture.Relu(1, 1.0).Ntk();
        const int maxDegree = 400;
        var terms = Enumerable.Range(0, maxDegree + 1).Select(k => SphereSpectrum.Multiplicity(2, k) * SphereSpectrum.Eigenvalue(kernel, 2, k)).ToArray();
        var partial = terms.Sum();
        var trace = kernel.OnSphere(1.0, 2);
        var tailBound = 4.0 * (terms[maxDegree] + terms[maxDegree - 1]) / 2.0 * maxDegree;
        Assert.True(partial < trace, "partial sums of positive terms stay below the trace");
        Assert.True(trace - partial < tailBound, $"gap {trace - partial} vs tail bound {tailBound}");
        Assert.True((trace - partial) / trace < 2e-3);
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(2, 5, 2)]
    [InlineData(3, 4, 9)]
    [InlineData(4, 3, 16)]
    [InlineData(5, 2, 14)]
    [InlineData(10, 3, 210)]
    public void Multiplicities_match_the_dimension_of_harmonic_spaces(int dimension, int degree, long expected) =>
        Assert.Equal(expected, SphereSpectrum.Multiplicity(dimension, degree));

    [Fact]
    public void Gegenbauer_polynomials_are_Chebyshev_on_the_circle_and_Legendre_on_S2()
    {
        for (var k = 0; k < 12; k++)
        {
            Assert.Equal(1.0, Gegenbauer.Normalized(k, 7, 1.0), 12);
            Assert.Equal(Math.Cos(k * 0.7), Gegenbauer.Normalized(k, 2, Math.Cos(0.7)), 12);
        }

        Assert.Equal(0.5 * (3 * 0.3 * 0.3 - 1), Gegenbauer.Normalized(2, 3, 0.3), 14);
        Assert.Equal(0.5 * (5 * Math.Pow(0.3, 3) - 3 * 0.3), Gegenbauer.Normalized(3, 3, 0.3), 14);
    }
}
