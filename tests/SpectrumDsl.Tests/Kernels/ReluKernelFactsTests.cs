using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;

namespace SpectrumDsl.Tests.Kernels;

public class ReluKernelFactsTests
{
    [Fact]
    public void One_layer_NTK_without_bias_matches_the_arc_cosine_closed_form()
    {
        // Independent closed form (Cho & Saul / Jacot): with u = x.z/d, |x| = |z| = 1,
        // Theta = u (pi - a)/pi + (sin a + (pi - a) cos a)/(pi d), cos a = x.z.
        const int d = 3;
        var kernel = NetworkArchitecture.Relu(1, 0.0).Ntk();
        foreach (var t in new[] { -1.0, -0.7, -0.2, 0.0, 0.3, 0.9, 1.0 })
        {
            var a = Math.Acos(t);
            var expected = t / d * (Math.PI - a) / Math.PI + (Math.Sin(a) + (Math.PI - a) * t) / (Math.PI * d);
            Assert.Equal(expected, kernel.OnSphere(t, d), 14);
        }
    }

    [Fact]
    public void Diagonal_grows_by_beta_squared_per_layer()
    {
        // On the diagonal rho = 1: Sigma(l)(x,x) = Sigma(l-1)(x,x) + beta^2 (docs/design.md#network).
        var x = Vector<double>.Build.DenseOfArray([1.0, 2.0, -0.5]);
        var sigma0 = x.DotProduct(x) / 3 + 0.25;
        Assert.Equal(sigma0 + 3 * 0.25, NetworkArchitecture.Relu(3, 0.5).Nngp().Evaluate(x, x), 12);
        // Theta(L) on the diagonal: Theta(l) = Theta(l-1) + Sigma(l), SigmaDot = 1.
        var expectedTheta = sigma0 + (sigma0 + 0.25) + (sigma0 + 0.5);
        Assert.Equal(expectedTheta, NetworkArchitecture.Relu(2, 0.5).Ntk().Evaluate(x, x), 12);
    }

    [Fact]
    public void Architecture_makes_matching_kernels()
    {
        var architecture = NetworkArchitecture.Relu(2, 0.5);
        Assert.Same(architecture, architecture.Ntk().Architecture);
        Assert.Contains("NTK", architecture.Ntk().Name);
        Assert.Contains("NNGP", architecture.Nngp().Name);
    }
}
