using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>Vectorised acos against Math.Acos and its scalar form, for every code path (the ReLU layer step: Kernels/ReluArcCosineLayerTests).</summary>
[Collection(ControlCollection.Name)]
public class VectorMathTests
{
    public static IEnumerable<object[]> Widths() =>
        new[] { 0, 512, 256, 64 }.Select(w => new object[] { w });

    // 0 = the hardware's width. Every width runs, also Vector512 without AVX-512 (emulated, same results).
    internal static void WithWidth(int width, Action action)
    {
        using var scope = LinearAlgebraControl.Override(width: width == 0 ? null : (VectorWidth)width);
        action();
    }

    internal static double[] Grid()
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
}
