using MathNet.Numerics;
using MathNet.Numerics.Integration;
using SpectrumDsl.Kernels;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Spectra;

/// <summary>One degree of a dot-product kernel's spectrum on the sphere.</summary>
/// <param name="Degree">The spherical-harmonic degree k.</param>
/// <param name="Value">The eigenvalue lambda_k (operator scale, uniform probability measure).</param>
/// <param name="Multiplicity">How many harmonics share it, N(d, k).</param>
public sealed record SphereEigenvalue(int Degree, double Value, long Multiplicity);

/// <summary>
/// Exact eigenvalues of dot-product kernels on S^(d-1) by the Funk-Hecke formula (docs/design.md#sphere-spectra).
/// </summary>
public static class SphereSpectrum
{
    private const int RuleOrder = 20;

    /// <summary>
    /// lambda_k = c_d Int_0^pi kappa(cos theta) P_k(cos theta) sin^(d-2) theta d theta.
    /// The substitution t = cos theta removes the endpoint singularities of the weight and of
    /// arc-cosine kernels, so composite Gauss-Legendre in theta converges fast.
    /// </summary>
    public static double Eigenvalue(Func<double, double> profile, int dimension, int degree)
    {
        Guard.NotNull(profile, nameof(profile));
        Gegenbauer.CheckDimension(dimension);
        Gegenbauer.CheckDegree(degree);
        // Enough panels to resolve the oscillation of P_k: a few per half period.
        var panels = Math.Max(64, 4 * degree);
        var width = Math.PI / panels;
        var sum = 0.0;
        for (var panel = 0; panel < panels; panel++)
        {
            var rule = new GaussLegendreRule(panel * width, (panel + 1) * width, RuleOrder);
            for (var node = 0; node < RuleOrder; node++)
            {
                var theta = rule.GetAbscissa(node);
                var t = Math.Cos(theta);
                sum += rule.GetWeight(node) * profile(t) * Gegenbauer.Normalized(degree, dimension, t)
                    * Math.Pow(Math.Sin(theta), dimension - 2);
            }
        }

        return SurfaceConstant(dimension) * sum;
    }

    /// <summary>The eigenvalue of degree k of a spherical kernel on S^(d-1).</summary>
    public static double Eigenvalue(ISphericalKernel kernel, int dimension, int degree)
    {
        Guard.NotNull(kernel, nameof(kernel));
        return Eigenvalue(t => kernel.OnSphere(t, dimension), dimension, degree);
    }

    /// <summary>Degrees 0..<paramref name="maxDegree"/> with eigenvalues and multiplicities.</summary>
    public static IReadOnlyList<SphereEigenvalue> Of(ISphericalKernel kernel, int dimension, int maxDegree)
    {
        Guard.NotNull(kernel, nameof(kernel));
        Guard.AtLeast(maxDegree, 0, nameof(maxDegree));
        var result = new SphereEigenvalue[maxDegree + 1];
        for (var k = 0; k <= maxDegree; k++)
        {
            result[k] = new SphereEigenvalue(k, Eigenvalue(kernel, dimension, k), Multiplicity(dimension, k));
        }

        return result;
    }

    /// <summary>N(d, k) = (2k + d - 2)(k + d - 3)! / (k! (d - 2)!), the dimension of degree-k harmonics on S^(d-1).</summary>
    public static long Multiplicity(int dimension, int degree)
    {
        Gegenbauer.CheckDimension(dimension);
        Gegenbauer.CheckDegree(degree);
        if (degree == 0)
        {
            return 1;
        }

        if (dimension == 2)
        {
            return 2;
        }

        // (k + d - 3)! / (k! (d - 2)!) = C(k + d - 3, k) / (d - 2).
        return (long)Math.Round((2.0 * degree + dimension - 2) * SpecialFunctions.Binomial(degree + dimension - 3, degree) / (dimension - 2));
    }

    /// <summary>c_d = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)), normalising the uniform probability measure.</summary>
    internal static double SurfaceConstant(int dimension) =>
        Math.Exp(SpecialFunctions.GammaLn(dimension / 2.0) - SpecialFunctions.GammaLn((dimension - 1) / 2.0)) / Math.Sqrt(Math.PI);
}
