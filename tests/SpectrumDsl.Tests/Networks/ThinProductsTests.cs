using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Tests.LinearAlgebra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Networks;

/// <summary>
/// The output layer's thin products (blocked, on every core) against the one-thread loops they replace: the same
/// bits, for any thread count, on shapes whose rows end inside a piece and whose columns span several blocks.
/// </summary>
[Collection(ControlCollection.Name)]
public class ThinProductsTests
{
    // n = 1300 ends 276 rows into the third piece of 512; 40 columns are two and a half blocks of 16.
    [Theory]
    [InlineData(1300, 900, 10)]   // a W^T with 10 outputs: inner dimension wide, few columns
    [InlineData(1300, 10, 400)]   // s W: inner dimension c, many columns
    [InlineData(1300, 3, 40)]
    public void Combinations_of_columns_are_the_one_thread_axpy_chain_bit_for_bit(int n, int inner, int columns)
    {
        var a = Data(Numerics.RandomPoints(n, inner, seed: 1));
        var coefficients = Data(Numerics.RandomPoints(inner, columns, seed: 2));
        // Zero coefficients (inactive units) are skipped; a third of them exercises the skip.
        for (var i = 0; i < coefficients.Length; i += 3)
        {
            coefficients[i] = 0;
        }

        var expected = new double[n * columns];
        for (var j = 0; j < columns; j++)
        {
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var k = 0; k < inner; k++)
                {
                    var alpha = coefficients[k + j * inner];
                    sum = alpha == 0 ? sum : Math.FusedMultiplyAdd(a[k * n + i], alpha, sum);
                }

                expected[j * n + i] = sum;
            }
        }

        foreach (var threads in new[] { 1, 2, 3 })
        {
            var result = new double[n * columns];
            Array.Fill(result, double.NaN);
            using (LinearAlgebraControl.Override(threads: threads))
            {
                ThinProducts.CombineColumns(a, n, inner, coefficients, rowStride: 1, columnStride: inner, columns, result);
            }

            AssertSameBits(expected, result, threads);
        }
    }

    [Theory]
    [InlineData(1300, 10, 900)]   // s^T a: few rows of the result, many columns
    [InlineData(1300, 900, 3)]
    public void Transposed_products_are_one_whole_dot_per_entry_bit_for_bit(int n, int p, int q)
    {
        var a = Data(Numerics.RandomPoints(n, p, seed: 3));
        var b = Data(Numerics.RandomPoints(n, q, seed: 4));
        var expected = new double[p * q];
        for (var j = 0; j < q; j++)
        {
            for (var i = 0; i < p; i++)
            {
                expected[j * p + i] = FastLinearAlgebra.Dot(a.AsSpan(i * n, n), b.AsSpan(j * n, n));
            }
        }

        // An independent check of the indexing: MathNet's A^T B to round-off (|entries| <= n, error n eps per dot).
        var reference = Matrix<double>.Build.Dense(n, p, a).TransposeThisAndMultiply(Matrix<double>.Build.Dense(n, q, b));
        Assert.True(Numerics.RelativeError(Matrix<double>.Build.Dense(p, q, expected), reference) <= 1e-12);
        foreach (var threads in new[] { 1, 2, 3 })
        {
            var result = new double[p * q];
            using (LinearAlgebraControl.Override(threads: threads))
            {
                ThinProducts.TransposeAndMultiply(a, b, n, p, q, result);
            }

            AssertSameBits(expected, result, threads);
        }
    }

    [Fact]
    public void A_ten_output_training_step_allocates_nothing()
    {
        // 2000 x 512 x 10 output products are large enough to go to the workers.
        var network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(1, 1.0), 20, 512, seed: 3, outputs: 10);
        var x = SpectrumDsl.Data.Sphere.Sample(2000, 20, seed: 1);
        Assert.Equal(0L, Allocations.OfTrainingStep(network, x, residualValue: 0.01, rate: 1e-4, warmUp: 5, rounds: 3, stepsPerRound: 2));
    }

    private static double[] Data(Matrix<double> matrix) => matrix.ToColumnMajorArray();

    private static void AssertSameBits(double[] expected, double[] actual, int threads)
    {
        var first = Enumerable.Range(0, expected.Length).FirstOrDefault(i => BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]), -1);
        Assert.True(first < 0, $"threads {threads}: entry {first} is {(first < 0 ? 0 : actual[first]):R}, expected {(first < 0 ? 0 : expected[first]):R}");
    }
}
