using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>
/// The packed GEMM at the edges of each width's own tile (<see cref="GemmTile.For"/>): sizes 1, MR +- 1, NR +- 1,
/// across the MC, KC and NC blocks, in every operand layout and on the lower-triangle (SYRK) path, against a naive
/// loop; and the rounding facts the tiles are built to keep (same bits at every FMA width and thread count).
/// </summary>
[Collection(ControlCollection.Name)]
public class GemmTileTests
{
    // As int: VectorWidth is internal, test methods are public.
    public static IEnumerable<object[]> Widths() => Enum.GetValues<VectorWidth>().Select(w => new object[] { (int)w });

    /// <summary>(m, k, n) around the tile of <paramref name="width"/>: every full-tile and edge-tile combination, and the block crossings.</summary>
    private static IEnumerable<(int M, int K, int N)> EdgeShapes(VectorWidth width)
    {
        var tile = GemmTile.For(width);
        int[] rows = [1, tile.MR - 1, tile.MR, tile.MR + 1, 2 * tile.MR + 1, tile.MC + tile.MR + 1];
        int[] cols = [1, tile.NR - 1, tile.NR, tile.NR + 1, 3 * tile.NR + 1];
        int[] depths = [1, tile.KC - 1, tile.KC + 1];
        foreach (var m in rows)
        {
            foreach (var n in cols)
            {
                foreach (var k in depths)
                {
                    yield return (m, k, n);
                }
            }
        }

        // Past one B block (NC columns) and two depth blocks at once.
        yield return (tile.MR + 1, 2 * tile.KC + 3, tile.NC + tile.NR + 1);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void EdgeTilesMatchNaiveInEveryLayout(int widthBits)
    {
        var width = (VectorWidth)widthBits;
        using var scope = LinearAlgebraControl.Override(width: width);
        foreach (var (m, k, n) in EdgeShapes(width))
        {
            var a = FastLinearAlgebraTests.Random(m, k, m + 7 * k);
            var b = FastLinearAlgebraTests.Random(k, n, n + 3 * k);
            var (expected, magnitude) = Naive(a, b);
            var shape = $"{width} {m}x{k}x{n}";
            AssertWithinBound(expected, magnitude, k, FastLinearAlgebra.Multiply(a, b), shape + " A B");
            AssertWithinBound(expected, magnitude, k, FastLinearAlgebra.MultiplyTransposed(a, b.Transpose()), shape + " A B^T");
            AssertWithinBound(expected, magnitude, k, FastLinearAlgebra.TransposeAndMultiply(a.Transpose(), b), shape + " A^T B");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LowerTrianglePathMatchesNaiveAndLeavesTheUpperAlone(int widthBits)
    {
        var width = (VectorWidth)widthBits;
        using var scope = LinearAlgebraControl.Override(width: width);
        var tile = GemmTile.For(width);
        foreach (var n in new[] { 1, tile.MR - 1, tile.MR + 1, tile.NR + 1, 2 * tile.MR + tile.NR + 1, tile.MC + tile.NR + 1 })
        {
            foreach (var d in new[] { 1, tile.KC + 1 })
            {
                var x = FastLinearAlgebraTests.Random(n, d, 11 * n + d);
                var (expected, magnitude) = Naive(x, x.Transpose());
                var lower = new DenseMatrix(n, n);
                lower.Values.AsSpan().Fill(double.NaN);
                FastLinearAlgebra.GramLowerInto(x, lower);
                for (var j = 0; j < n; j++)
                {
                    for (var i = 0; i < n; i++)
                    {
                        if (i < j)
                        {
                            Assert.True(double.IsNaN(lower[i, j]), $"{width} n {n} d {d}: upper entry ({i}, {j}) was written");
                        }
                        else
                        {
                            AssertElement(expected[i, j], magnitude[i, j], d, lower[i, j], $"{width} Gram n {n} d {d} ({i}, {j})");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void BothVectorTilesGiveTheSameBits()
    {
        // Each element is one FMA chain per depth block (KC is shared) and the blocks are added in order, so the
        // 24 x 8 Vector512 tile and the 8 x 6 Vector256 tile must agree exactly, on full and edge tiles alike.
        var a = FastLinearAlgebraTests.Random(203, 531, 1);
        var b = FastLinearAlgebraTests.Random(531, 97, 2);
        Matrix<double> wide, narrow;
        using (LinearAlgebraControl.Override(width: VectorWidth.Vector512))
        {
            wide = FastLinearAlgebra.Multiply(a, b);
        }

        using (LinearAlgebraControl.Override(width: VectorWidth.Vector256))
        {
            narrow = FastLinearAlgebra.Multiply(a, b);
        }

        Assert.Equal(wide.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits), narrow.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ThreadCountDoesNotChangeABit(int widthBits)
    {
        var width = (VectorWidth)widthBits;
        // Large enough for the parallel split in both directions (rows when m > n, columns otherwise) and for the triangle split.
        var tall = FastLinearAlgebraTests.Random(401, 300, 3);
        var wide = FastLinearAlgebraTests.Random(300, 407, 4);
        using var scope = LinearAlgebraControl.Override(width: width);
        var parallel = Products(tall, wide);
        using var single = LinearAlgebraControl.Override(threads: 1);
        var serial = Products(tall, wide);
        for (var i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(serial[i].ToColumnMajorArray(), parallel[i].ToColumnMajorArray());
        }
    }

    // 401 x 407 (split by columns), 407 x 401 (split by rows), 401 x 401 lower triangle (split by triangle area).
    private static Matrix<double>[] Products(Matrix<double> tall, Matrix<double> wide) =>
        [FastLinearAlgebra.Multiply(tall, wide), FastLinearAlgebra.Multiply(wide.Transpose(), tall.Transpose()), FastLinearAlgebra.Gram(tall)];

    /// <summary>The plain triple loop, and the magnitudes sum_p |a_ip| |b_pj| that bound its rounding.</summary>
    private static (Matrix<double> Product, Matrix<double> Magnitude) Naive(Matrix<double> a, Matrix<double> b)
    {
        var product = new DenseMatrix(a.RowCount, b.ColumnCount);
        var magnitude = new DenseMatrix(a.RowCount, b.ColumnCount);
        for (var i = 0; i < a.RowCount; i++)
        {
            for (var j = 0; j < b.ColumnCount; j++)
            {
                double s = 0, t = 0;
                for (var p = 0; p < a.ColumnCount; p++)
                {
                    s += a[i, p] * b[p, j];
                    t += Math.Abs(a[i, p] * b[p, j]);
                }

                product[i, j] = s;
                magnitude[i, j] = t;
            }
        }

        return (product, magnitude);
    }

    private static void AssertWithinBound(Matrix<double> expected, Matrix<double> magnitude, int k, Matrix<double> actual, string what)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        for (var j = 0; j < expected.ColumnCount; j++)
        {
            for (var i = 0; i < expected.RowCount; i++)
            {
                AssertElement(expected[i, j], magnitude[i, j], k, actual[i, j], $"{what} ({i}, {j})");
            }
        }
    }

    // Any summation order of k products (fused or not) is within k u sum_p |a_ip b_pj| of the exact value, u = eps / 2
    // (Higham, Accuracy and Stability, 3.1), so two such sums differ by at most k eps sum_p |a_ip b_pj|. A wrong or
    // missing term, or a stale value left in an edge tile, is of the size of one product: far above this.
    private const double MachineEpsilon = 2.220446049250313e-16; // 2^-52

    private static void AssertElement(double expected, double magnitude, int k, double actual, string where)
    {
        var bound = k * MachineEpsilon * magnitude;
        Assert.True(Math.Abs(actual - expected) <= bound, $"{where}: {actual:R} vs naive {expected:R}, bound {bound:E2}");
    }
}
