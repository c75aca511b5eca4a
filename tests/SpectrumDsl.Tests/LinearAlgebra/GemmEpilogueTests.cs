using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>
/// The fused layer map (A B^T, then scale, column shift and ReLU on each tile) gives the same bits as the product
/// followed by the separate element-wise passes, on the packed path and the small direct one, at every width.
/// </summary>
[Collection(ControlCollection.Name)]
public class GemmEpilogueTests
{
    public static IEnumerable<object[]> Cases() =>
        from width in Enum.GetValues<VectorWidth>()
        from shape in new[] { (3, 2, 5), (97, 100, 203), (40, 300, 13), (1, 17, 1) }
        select new object[] { (int)width, shape.Item1, shape.Item2, shape.Item3 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedEqualsProductThenPassesBitForBit(int widthBits, int m, int k, int n)
    {
        using var scope = LinearAlgebraControl.Override(width: (VectorWidth)widthBits);
        var a = FastLinearAlgebraTests.Random(m, k, 3 * m + k);
        var b = FastLinearAlgebraTests.Random(n, k, 5 * n + k);
        // Row 0 of A zero and shift_0 = -0: entry (0, 0) is c * 0 + beta * (-0) = +0, but a NaN row 1 (when there is
        // one) must stay NaN in both outputs, so max's signed-zero and NaN rules are both exercised.
        a.SetRow(0, new double[k]);
        if (m > 1)
        {
            a[1, 0] = double.NaN;
        }

        var shift = Enumerable.Range(0, n).Select(j => j == 0 ? -0.0 : Math.Sin(j)).ToArray();
        const double scale = 0.0316, shiftScale = -0.7;

        var expected = FastLinearAlgebra.MultiplyTransposed(a, b);
        var expectedRelu = new DenseMatrix(m, n);
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < m; i++)
            {
                expected[i, j] = scale * expected[i, j] + shiftScale * shift[j];
                expectedRelu[i, j] = Math.Max(expected[i, j], 0.0);
            }
        }

        var result = new DenseMatrix(m, n);
        var relu = new DenseMatrix(m, n);
        FastLinearAlgebra.AffineMultiplyTransposedInto(a, b, scale, shiftScale, shift, relu, result);
        Assert.Equal(Bits(expected), Bits(result));
        Assert.Equal(Bits(expectedRelu), Bits(relu));

        var withoutRelu = new DenseMatrix(m, n);
        FastLinearAlgebra.AffineMultiplyTransposedInto(a, b, scale, shiftScale, shift, null, withoutRelu);
        Assert.Equal(Bits(expected), Bits(withoutRelu));
    }

    [Fact]
    public void ShapeErrorsNameTheArgument()
    {
        var a = FastLinearAlgebraTests.Random(4, 3, 1);
        var b = FastLinearAlgebraTests.Random(5, 3, 2);
        var result = new DenseMatrix(4, 5);
        var shiftError = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.AffineMultiplyTransposedInto(a, b, 1, 1, new double[4], null, result));
        Assert.Equal("shift", shiftError.ParamName);
        Assert.Contains("length 4", shiftError.Message);
        var reluError = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.AffineMultiplyTransposedInto(a, b, 1, 1, new double[5], new DenseMatrix(5, 4), result));
        Assert.Equal("rectified", reluError.ParamName);
        var aliasError = Assert.Throws<ArgumentException>(() => FastLinearAlgebra.AffineMultiplyTransposedInto(a, b, 1, 1, new double[5], result, result));
        Assert.Equal("rectified", aliasError.ParamName);
    }

    private static long[] Bits(Matrix<double> m) => m.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
}
