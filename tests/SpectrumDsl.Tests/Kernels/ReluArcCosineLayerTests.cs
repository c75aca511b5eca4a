using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Tests.LinearAlgebra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Kernels;

/// <summary>The ReLU arc-cosine layer on the generic block driver against a scalar reference, for every code path.</summary>
[Collection(ControlCollection.Name)]
public class ReluArcCosineLayerTests
{
    public static IEnumerable<object[]> Widths() => VectorMathTests.Widths();

    private static void WithWidth(int width, Action action) => VectorMathTests.WithWidth(width, action);

    private static void Step(double[] sigma, double[] norm, double beta2, double[] next, double[] dot) =>
        LayerRecursion.Step(new ReluArcCosineLayer(beta2), sigma, norm, next, dot);

    private static (double Next, double Dot) Reference(double sigma, double norm, double beta2)
    {
        double rho = norm == 0 ? 0 : Math.Clamp(sigma / norm, -1, 1);
        double angle = Math.Acos(rho);
        return (norm * (Math.Sin(angle) + (Math.PI - angle) * rho) / Math.PI + beta2, (Math.PI - angle) / Math.PI);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ReluArcCosineStepMatchesScalarReference(int width)
    {
        WithWidth(width, () =>
        {
            var rng = new Random(3);
            const int n = 10_007;
            double[] sigma = new double[n], norm = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sxx = 0.1 + 3 * rng.NextDouble(), szz = 0.1 + 3 * rng.NextDouble();
                norm[i] = Math.Sqrt(sxx * szz);
                sigma[i] = norm[i] * (2 * rng.NextDouble() - 1);
            }

            // Edge cases: rho = +-1 exactly, slightly beyond (round-off), zero norm.
            sigma[0] = norm[0];
            sigma[1] = -norm[1];
            sigma[2] = norm[2] * (1 + 1e-15);
            sigma[3] = -norm[3] * (1 + 1e-15);
            sigma[4] = 0;
            norm[4] = 0;
            sigma[5] = 0;

            foreach (double beta2 in new[] { 0.0, 0.25 })
            {
                double[] next = new double[n], dot = new double[n];
                Step(sigma, norm, beta2, next, dot);
                for (int i = 0; i < n; i++)
                {
                    var (en, ed) = Reference(sigma[i], norm[i], beta2);
                    Assert.True(Math.Abs(next[i] - en) <= 1e-14 * Math.Max(1, Math.Abs(en)), $"sigmaNext[{i}] {next[i]:R} vs {en:R}");
                    Assert.True(Math.Abs(dot[i] - ed) <= 1e-15, $"sigmaDot[{i}] {dot[i]:R} vs {ed:R}");
                }

                // Diagonal identity (docs/design.md#network): rho = 1 gives sigmaNext = norm + beta^2 and sigmaDot = 1.
                Assert.Equal(norm[0] + beta2, next[0], 14);
                Assert.Equal(1.0, dot[0]);
                Assert.Equal(beta2, next[1], 14);
                Assert.Equal(0.0, dot[1], 15);
                Assert.Equal(beta2, next[4]);
                Assert.Equal(0.5, dot[4]);
            }
        });
    }

    [Fact]
    public void ReluArcCosineStepInPlaceAndLengthChecks()
    {
        double[] sigma = [0.3, -0.2, 0.9, 0.1, 0.5];
        double[] norm = [1, 1, 1, 2, 0.5];
        double[] dot = new double[5];
        double[] expected = sigma.Select((s, i) => Reference(s, norm[i], 0.1).Next).ToArray();
        Step(sigma, norm, 0.1, sigma, dot);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], sigma[i], 14);
        }

        Assert.Equal("norm", Assert.Throws<ArgumentException>(() => LayerRecursion.Step(new ReluArcCosineLayer(0), new double[3], new double[2], new double[3], new double[3])).ParamName);
        Assert.Equal("sigmaNext", Assert.Throws<ArgumentException>(() => LayerRecursion.Step(new ReluArcCosineLayer(0), new double[3], new double[3], new double[2], new double[3])).ParamName);
        Assert.Equal("sigmaDot", Assert.Throws<ArgumentException>(() => LayerRecursion.Step(new ReluArcCosineLayer(0), new double[3], new double[3], new double[3], new double[4])).ParamName);
    }

    public static TheoryData<Activation> Activations() => new() { Activation.Relu, Activation.Erf };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Fused_recursion_gives_the_same_bits_at_every_width(Activation activation)
    {
        // Depth 3, 37 x 37 Gram (self-step variance tables, lower triangle and mirror) and a 37 x 29 cross block:
        // columns of odd lengths, so vector bodies and scalar tails both run.
        var architecture = new NetworkArchitecture(activation, 3, 0.6);
        double beta2 = 0.36;
        var x = Numerics.RandomPoints(37, 7, seed: 4);
        var z = Numerics.RandomPoints(29, 7, seed: 5);
        long[] Run(int width, bool ntk, bool symmetric)
        {
            var products = symmetric ? x * x.Transpose() : x * z.Transpose();
            var rowVariances = NetworkKernelRecursion.InputVariances(x, beta2);
            var columnVariances = symmetric ? rowVariances : NetworkKernelRecursion.InputVariances(z, beta2);
            Matrix<double>? result = null;
            WithWidth(width, () => result = NetworkKernelRecursion.Apply(architecture, products, 7, rowVariances, columnVariances, ntk, symmetric));
            return result!.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
        }

        foreach (bool symmetric in new[] { true, false })
        {
            foreach (bool ntk in new[] { true, false })
            {
                var scalar = Run(64, ntk, symmetric);
                Assert.Equal(scalar, Run(256, ntk, symmetric));
                Assert.Equal(scalar, Run(512, ntk, symmetric));
            }
        }
    }
}
