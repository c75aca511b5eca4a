using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>Every fast product against MathNet's (or a naive loop), on awkward shapes, for every micro-kernel.</summary>
[Collection(ControlCollection.Name)]
public class FastLinearAlgebraTests
{
    private const double Tolerance = 1e-12;

    public static IEnumerable<object[]> Shapes()
    {
        // (m, k, n): 1x1, primes, tall/skinny, wide, not multiples of 24/8/256/192, crossing KC/MC/NC.
        int[][] shapes =
        [
            [1, 1, 1], [2, 3, 5], [7, 11, 13], [24, 8, 8], [25, 9, 7], [23, 257, 9], [31, 1, 29],
            [97, 101, 103], [1, 300, 1], [500, 3, 2], [3, 2, 500], [193, 259, 41], [200, 513, 17],
            [389, 67, 401], [1, 1000, 400], [600, 5, 1], [130, 130, 130], [1543, 10, 9], [16, 16, 1600],
        ];
        foreach (int[] s in shapes)
        {
            yield return [s[0], s[1], s[2]];
        }
    }

    // Every width, also Vector512 without AVX-512 hardware (emulated: slow, but it must be correct).
    public static IEnumerable<object[]> Kernels() =>
        Enum.GetValues<VectorWidth>().Select(k => new object[] { (int)k });

    internal static Matrix<double> Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return DenseMatrix.Create(rows, cols, (_, _) => rng.NextDouble() * 2 - 1);
    }

    internal static void AssertClose(Matrix<double> expected, Matrix<double> actual, double tol = Tolerance)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        double scale = expected.FrobeniusNorm();
        double diff = (expected - actual).FrobeniusNorm();
        Assert.True(diff <= tol * Math.Max(scale, 1e-300) || diff == 0,
            $"relative Frobenius error {diff / scale:E3} > {tol:E1} for {expected.RowCount}x{expected.ColumnCount}");
    }

    private static Matrix<double> Naive(Matrix<double> a, Matrix<double> b)
    {
        var c = new DenseMatrix(a.RowCount, b.ColumnCount);
        for (int i = 0; i < a.RowCount; i++)
        {
            for (int j = 0; j < b.ColumnCount; j++)
            {
                double s = 0;
                for (int p = 0; p < a.ColumnCount; p++)
                {
                    s += a[i, p] * b[p, j];
                }

                c[i, j] = s;
            }
        }

        return c;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AllProductsMatchMathNet(int m, int k, int n)
    {
        var a = Random(m, k, m * 31 + k);
        var b = Random(k, n, n * 17 + 3);
        var expected = a * b;
        AssertClose(expected, FastLinearAlgebra.Multiply(a, b));
        AssertClose(expected, FastLinearAlgebra.MultiplyTransposed(a, b.Transpose()));
        AssertClose(expected, FastLinearAlgebra.TransposeAndMultiply(a.Transpose(), b));

        var r = new DenseMatrix(m, n);
        r.Values.AsSpan().Fill(double.NaN); // Into must overwrite, never accumulate into stale data.
        FastLinearAlgebra.MultiplyInto(a, b, r);
        AssertClose(expected, r);
        r.Values.AsSpan().Fill(double.NaN);
        FastLinearAlgebra.MultiplyTransposedInto(a, b.Transpose(), r);
        AssertClose(expected, r);
        r.Values.AsSpan().Fill(double.NaN);
        FastLinearAlgebra.TransposeAndMultiplyInto(a.Transpose(), b, r);
        AssertClose(expected, r);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryMicroKernelMatchesNaive(int kernelIndex)
    {
        var kernel = (VectorWidth)kernelIndex;
        using var scope = LinearAlgebraControl.Override(width: kernel);
        foreach (var (m, k, n) in new[] { (50, 40, 30), (97, 300, 61), (24, 256, 8), (130, 7, 250) })
        {
            var a = Random(m, k, 5);
            var b = Random(k, n, 6);
            var expected = Naive(a, b);
            AssertClose(expected, FastLinearAlgebra.Multiply(a, b));
            AssertClose(expected, FastLinearAlgebra.MultiplyTransposed(a, b.Transpose()));
            AssertClose(expected, FastLinearAlgebra.TransposeAndMultiply(a.Transpose(), b));
            var g = FastLinearAlgebra.Gram(a);
            AssertClose(Naive(a, a.Transpose()), g);
        }
    }

    [Fact]
    public void SingleThreadedMatchesParallel()
    {
        var a = Random(300, 200, 1);
        var b = Random(200, 310, 2);
        var parallel = FastLinearAlgebra.Multiply(a, b);
        Matrix<double> serial;
        using (LinearAlgebraControl.Override(threads: 1))
        {
            serial = FastLinearAlgebra.Multiply(a, b);
        }

        Assert.Equal(parallel.ToColumnMajorArray(), serial.ToColumnMajorArray());
    }

    [Fact]
    public void LargeSquareMatchesMathNet()
    {
        var a = Random(700, 650, 11);
        var b = Random(650, 720, 12);
        AssertClose(a * b, FastLinearAlgebra.Multiply(a, b));
    }

    [Theory]
    [InlineData(0, 5, 4)]
    [InlineData(4, 0, 5)]
    [InlineData(4, 5, 0)]
    [InlineData(0, 0, 0)]
    public void ZeroSizedShapes(int m, int k, int n)
    {
        var a = new DenseMatrix(m, k);
        var b = new DenseMatrix(k, n);
        var c = FastLinearAlgebra.Multiply(a, b);
        Assert.Equal(m, c.RowCount);
        Assert.Equal(n, c.ColumnCount);
        Assert.All(c.ToColumnMajorArray(), v => Assert.Equal(0.0, v));

        var r = new DenseMatrix(m, n);
        r.Values.AsSpan().Fill(double.NaN);
        FastLinearAlgebra.MultiplyInto(a, b, r);
        Assert.All(r.ToColumnMajorArray(), v => Assert.Equal(0.0, v));

        var g = FastLinearAlgebra.Gram(a);
        Assert.Equal(m, g.RowCount);
        Assert.All(g.ToColumnMajorArray(), v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(25, 9)]
    [InlineData(97, 101)]
    [InlineData(500, 3)]
    [InlineData(613, 100)]
    [InlineData(1100, 37)]
    public void GramMatchesMathNetAndIsExactlySymmetric(int n, int d)
    {
        var x = Random(n, d, n + d);
        var g = FastLinearAlgebra.Gram(x);
        AssertClose(x * x.Transpose(), g);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Assert.Equal(g[i, j], g[j, i]);
            }
        }

        var into = new DenseMatrix(n, n);
        into.Values.AsSpan().Fill(double.NaN);
        FastLinearAlgebra.GramInto(x, into);
        Assert.Equal(g.ToColumnMajorArray(), into.ToColumnMajorArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(17, 5)]
    [InlineData(8, 8)]
    [InlineData(101, 97)]
    [InlineData(1000, 3)]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    public void VectorProductsMatchMathNet(int m, int n)
    {
        var a = Random(m, n, 99);
        var rng = new Random(4);
        double[] v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] w = Enumerable.Range(0, m).Select(_ => rng.NextDouble() - 0.5).ToArray();

        double[] av = Enumerable.Repeat(double.NaN, m).ToArray();
        FastLinearAlgebra.MultiplyVectorInto(a, v, av);
        AssertVectorClose(a * Vector<double>.Build.DenseOfArray(v), av);

        double[] atw = Enumerable.Repeat(double.NaN, n).ToArray();
        FastLinearAlgebra.TransposeMultiplyVectorInto(a, w, atw);
        AssertVectorClose(a.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(w)), atw);
    }

    private static void AssertVectorClose(Vector<double> expected, double[] actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        double diff = (expected - Vector<double>.Build.DenseOfArray(actual)).L2Norm();
        Assert.True(diff <= Tolerance * Math.Max(expected.L2Norm(), 1e-300) || diff == 0, $"vector error {diff:E3}");
    }

    [Fact]
    public void NonDenseInputsAreAccepted()
    {
        var a = Matrix<double>.Build.Diagonal(5, 5, 2.0);
        var b = Random(5, 3, 1);
        AssertClose(a * b, FastLinearAlgebra.Multiply(a, b));
    }

    [Fact]
    public void DimensionMismatchThrowsNamingParameterAndShapes()
    {
        var a = Random(3, 4, 1);
        var b = Random(5, 6, 2);
        var e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.Multiply(a, b));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("3x4", e.Message);
        Assert.Contains("5x6", e.Message);

        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyTransposed(a, b));
        Assert.Equal("b", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.TransposeAndMultiply(a, b));
        Assert.Equal("b", e.ParamName);
        Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyInto(a, b, new DenseMatrix(3, 6)));
        Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyTransposedInto(a, b, new DenseMatrix(3, 5)));
        Assert.Throws<ArgumentException>(() => FastLinearAlgebra.TransposeAndMultiplyInto(a, b, new DenseMatrix(4, 6)));
    }

    [Fact]
    public void WrongResultShapeThrowsNamingResult()
    {
        var a = Random(3, 4, 1);
        var b = Random(4, 6, 2);
        var e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyInto(a, b, new DenseMatrix(6, 3)));
        Assert.Equal("result", e.ParamName);
        Assert.Contains("3x6", e.Message);
        Assert.Contains("6x3", e.Message);

        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyTransposedInto(a, Random(6, 4, 3), new DenseMatrix(3, 5)));
        Assert.Equal("result", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.TransposeAndMultiplyInto(Random(4, 3, 1), b, new DenseMatrix(4, 6)));
        Assert.Equal("result", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.GramInto(a, new DenseMatrix(4, 4)));
        Assert.Equal("result", e.ParamName);

        var square = Random(4, 4, 5);
        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyInto(square, square.Clone(), square));
        Assert.Equal("result", e.ParamName);
    }

    [Fact]
    public void VectorLengthMismatchThrows()
    {
        var a = Random(3, 4, 1);
        var e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyVectorInto(a, new double[3], new double[3]));
        Assert.Equal("v", e.ParamName);
        Assert.Contains("3x4", e.Message);
        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.MultiplyVectorInto(a, new double[4], new double[4]));
        Assert.Equal("result", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.TransposeMultiplyVectorInto(a, new double[4], new double[4]));
        Assert.Equal("v", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.TransposeMultiplyVectorInto(a, new double[3], new double[3]));
        Assert.Equal("result", e.ParamName);
    }
}
