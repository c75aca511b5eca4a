using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Regression;

/// <summary>Heavy-ball momentum's rule, stability bound and closed form (docs/design.md#momentum).</summary>
public class HeavyBallTests
{
    private static readonly Matrix<double> X = Sphere.Sample(40, 2, seed: 8);
    private static readonly Matrix<double> Gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(X);
    private static readonly Vector<double> R0 = Sphere.ZonalHarmonic(X, 3, Sphere.NorthPole(2)) + 0.3 * Sphere.ZonalHarmonic(X, 9, Sphere.NorthPole(2));

    [Theory]
    [InlineData(0.3, 0.0, 17)]
    [InlineData(0.01, 0.81, 200)]   // complex roots: an oscillating decay
    [InlineData(1.9, 0.5, 50)]      // eta lambda > 1 + mu: negative real roots
    [InlineData(2.9, 0.5, 40)]      // just inside the bound 2 (1 + mu) = 3
    public void Factor_equals_the_two_term_recurrence(double x, double mu, int steps)
    {
        double previous = 1.0, current = 1.0 - x;
        Assert.Equal(1.0, HeavyBall.Factor(x, mu, 0));
        Assert.Equal(current, HeavyBall.Factor(x, mu, 1), 15);
        for (var t = 2; t <= steps; t++)
        {
            (previous, current) = (current, (1 + mu - x) * current - mu * previous);
            // Squaring the companion matrix rounds differently from the recurrence: relative 1e-12 of the
            // largest value the recurrence passes through (at most 1 here) is many digits above either's round-off.
            Assert.True(Math.Abs(HeavyBall.Factor(x, mu, t) - current) < 1e-12, $"t = {t}: {HeavyBall.Factor(x, mu, t)} vs {current}");
        }
    }

    [Fact]
    public void The_optimal_rule_contracts_both_ends_of_the_spectrum_at_sqrt_mu()
    {
        const double L = 50.0, l = 0.5;
        var (eta, mu) = HeavyBall.Optimal(L, l);
        Assert.Equal(4 / Math.Pow(Math.Sqrt(L) + Math.Sqrt(l), 2), eta, 14);
        Assert.Equal(Math.Pow((Math.Sqrt(L) - Math.Sqrt(l)) / (Math.Sqrt(L) + Math.Sqrt(l)), 2), mu, 14);
        Assert.Equal(eta, HeavyBall.StepFor(mu, L), 14);
        // At the ends the companion matrix has a double root sqrt(mu): |r_t| = (1 + c t) mu^(t/2), so the t-th
        // root of |factor| tends to sqrt(mu) = 9/11, against GD's 1 - l / L = 0.99 for the bottom.
        foreach (var lambda in new[] { l, 5.0, L })
        {
            var rate = Math.Pow(Math.Abs(HeavyBall.Factor(eta * lambda, mu, 2000)), 1.0 / 2000);
            Assert.InRange(rate, 0.95 * Math.Sqrt(mu), 1.01 * Math.Sqrt(mu));
        }

        Assert.Equal((1 / L, 0.0), HeavyBall.Optimal(L, 2 * L));
    }

    [Fact]
    public void Stability_is_eta_lambda_below_2_1_plus_mu()
    {
        Assert.True(HeavyBall.IsStable(2.99 / 10, 0.5, 10));
        Assert.False(HeavyBall.IsStable(3.01 / 10, 0.5, 10));
        Assert.False(HeavyBall.IsStable(0.1, 1.0, 10));
        Assert.False(HeavyBall.IsStable(0.1, -0.1, 10));
        // Just outside, the factor grows; just inside, it decays.
        Assert.True(Math.Abs(HeavyBall.Factor(3.01, 0.5, 3000)) > 1);
        Assert.True(Math.Abs(HeavyBall.Factor(2.99, 0.5, 3000)) < 1e-3);
    }

    [Fact]
    public void Kernel_heavy_ball_closed_form_equals_iterating_it_for_PGD()
    {
        var s = new Preconditioner(SpectralModification.Compute(Gram, SpectrumTarget.FlattenTop, 5));
        var plain = KernelGradientDescent.Create(Gram, s);
        var rates = plain.Rates;
        var (eta, mu) = HeavyBall.Optimal(rates[0], rates[20]);
        var momentum = plain.WithMomentum(mu, eta);
        Assert.Equal(mu, momentum.Momentum);
        var ks = Gram * s.Dense();
        var previous = R0;
        var r = R0 - eta * (ks * R0);
        for (var t = 2; t <= 80; t++)
        {
            (previous, r) = (r, r - eta * (ks * r) + mu * (r - previous));
        }

        // 80 dense iterations against one eigenbasis evaluation; both are O(1e-15) per step.
        Assert.True(Numerics.RelativeError(momentum.Residual(R0, 80), r) < 1e-9, $"{Numerics.RelativeError(momentum.Residual(R0, 80), r)}");
        var norms = momentum.ResidualNorms(R0, 300);
        var steps = momentum.StepsToTolerance(R0, 0.01, 300)!.Value;
        Assert.Equal(Array.FindIndex(norms, norm => norm <= 0.01 * norms[0]), steps);
        Assert.True(steps < plain.StepsToTolerance(R0, 0.01, 100_000)!.Value / 2, "momentum should at least halve the steps here");
    }

    [Fact]
    public void A_step_above_the_heavy_ball_bound_is_refused()
    {
        var gd = KernelGradientDescent.Create(Gram);
        var lambda = gd.Rates[0];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => gd.WithMomentum(0.5, 3.0 / lambda));
        Assert.Equal("stepSize", error.ParamName);
        Assert.Contains("2 (1 + mu)", error.Message);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => gd.WithMomentum(1.0, 1.0 / lambda)).ParamName);
        // Above plain GD's bound 2 / lambda but inside heavy ball's: accepted.
        Assert.Equal(2.5 / lambda, gd.WithMomentum(0.5, 2.5 / lambda).StepSize);
    }
}
