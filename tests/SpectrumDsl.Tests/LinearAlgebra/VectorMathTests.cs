using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>Vectorised acos and the ReLU arc-cosine step against Math.Acos and a scalar reference, for every code path.</summary>
[Collection(nameof(VectorMathCollection))]
public class VectorMathTests
{
    public static IEnumerable<object[]> Widths() =>
        new[] { 0, 512, 256, 64 }.Select(w => new object[] { w });

    private static void WithWidth(int width, Action action)
    {
        if (width == 512 && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            return;
        }

        if (width == 256 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            return;
        }

        int saved = VectorMath.ForcedWidth;
        try
        {
            VectorMath.ForcedWidth = width;
            action();
        }
        finally
        {
            VectorMath.ForcedWidth = saved;
        }
    }

    private static double[] Grid()
    {
        // Dense uniform grid on [-1, 1], points clustered at the ends (where acos is steepest),
        // the branch points +-0.5, the endpoints, tiny values, and values just outside [-1, 1].
        var xs = new List<double>();
        const int n = 400_001;
        for (int i = 0; i < n; i++)
        {
            xs.Add(-1 + 2.0 * i / (n - 1));
        }

        for (int e = 1; e <= 60; e++)
        {
            double t = Math.Pow(2, -e);
            xs.AddRange([1 - t, -1 + t, t, -t, 0.5 + t * 0.5, 0.5 - t * 0.5, -0.5 + t * 0.5, -0.5 - t * 0.5]);
        }

        xs.AddRange([-1, 1, 0, -0.0, 1e-300, -1e-300, double.Epsilon, 0.5, -0.5,
            Math.BitIncrement(1.0), Math.BitDecrement(-1.0), 1 + 1e-16, 1 + 1e-12, -1 - 1e-12, Math.BitDecrement(1.0), Math.BitIncrement(-1.0)]);
        var rng = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            xs.Add(rng.NextDouble() * 2 - 1);
        }

        return xs.ToArray();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AcosMaxErrorWithinTwoTimesTenToMinus15(int width)
    {
        WithWidth(width, () =>
        {
            double[] x = Grid();
            double[] y = new double[x.Length];
            VectorMath.Acos(x, y);
            double maxErr = 0;
            double worst = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double expected = Math.Acos(Math.Clamp(x[i], -1, 1));
                double err = Math.Abs(y[i] - expected);
                if (err > maxErr)
                {
                    maxErr = err;
                    worst = x[i];
                }
            }

            Assert.True(maxErr <= 2e-15, $"max |acos error| = {maxErr:E3} at x = {worst:R}");
            Assert.Equal(0.0, y[Array.IndexOf(x, 1.0)]);
            Assert.Equal(Math.PI, y[Array.IndexOf(x, -1.0)], 15);
        });
    }

    [Fact]
    public void AcosOutsideRangeIsClampedAndNaNPropagates()
    {
        double[] x = [1 + 1e-16, 1.5, -1.5, Math.BitIncrement(1.0), Math.BitDecrement(-1.0), double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0, 0, 0];
        double[] y = new double[x.Length];
        VectorMath.Acos(x, y);
        Assert.Equal(0.0, y[0]);
        Assert.Equal(0.0, y[1]);
        Assert.Equal(Math.PI, y[2], 15);
        Assert.Equal(0.0, y[3]);
        Assert.Equal(Math.PI, y[4], 15);
        Assert.Equal(0.0, y[5]);
        Assert.Equal(Math.PI, y[6], 15);
        Assert.True(double.IsNaN(y[7]));
    }

    [Fact]
    public void AcosVectorAndScalarPathsAgreeBitwise()
    {
        double[] x = Grid();
        double[] scalar = new double[x.Length];
        WithWidth(64, () => VectorMath.Acos(x, scalar));
        foreach (int w in new[] { 512, 256 })
        {
            double[] vec = new double[x.Length];
            WithWidth(w, () => VectorMath.Acos(x, vec));
            if (vec.Any(v => v != 0))
            {
                Assert.Equal(scalar, vec);
            }
        }
    }

    [Fact]
    public void AcosInPlaceAndEmptyAndLengthMismatch()
    {
        double[] x = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, -0.95];
        double[] expected = x.Select(Math.Acos).ToArray();
        VectorMath.Acos(x, x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(expected[i], x[i], 14);
        }

        VectorMath.Acos(ReadOnlySpan<double>.Empty, Span<double>.Empty);
        var e = Assert.Throws<ArgumentException>(() => VectorMath.Acos(new double[3], new double[2]));
        Assert.Equal("result", e.ParamName);
    }

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
                VectorMath.ReluArcCosineStep(sigma, norm, beta2, next, dot);
                for (int i = 0; i < n; i++)
                {
                    var (en, ed) = Reference(sigma[i], norm[i], beta2);
                    Assert.True(Math.Abs(next[i] - en) <= 1e-14 * Math.Max(1, Math.Abs(en)), $"sigmaNext[{i}] {next[i]:R} vs {en:R}");
                    Assert.True(Math.Abs(dot[i] - ed) <= 1e-15, $"sigmaDot[{i}] {dot[i]:R} vs {ed:R}");
                }

                // Diagonal identity (DESIGN 2.1): rho = 1 gives sigmaNext = norm + beta^2 and sigmaDot = 1.
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
        VectorMath.ReluArcCosineStep(sigma, norm, 0.1, sigma, dot);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], sigma[i], 14);
        }

        Assert.Equal("norm", Assert.Throws<ArgumentException>(() => VectorMath.ReluArcCosineStep(new double[3], new double[2], 0, new double[3], new double[3])).ParamName);
        Assert.Equal("sigmaNext", Assert.Throws<ArgumentException>(() => VectorMath.ReluArcCosineStep(new double[3], new double[3], 0, new double[2], new double[3])).ParamName);
        Assert.Equal("sigmaDot", Assert.Throws<ArgumentException>(() => VectorMath.ReluArcCosineStep(new double[3], new double[3], 0, new double[3], new double[4])).ParamName);
    }
}

/// <summary>Runs the tests that force a code path (a process-wide setting) one at a time.</summary>
[CollectionDefinition(nameof(VectorMathCollection), DisableParallelization = true)]
public class VectorMathCollection;
