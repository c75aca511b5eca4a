using SpectrumDsl.LinearAlgebra;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.LinearAlgebra;

public class KrylovEstimateTests(ITestOutputHelper output)
{
    /// <summary>
    /// diag(values) in a seeded random orthonormal basis of dimension n, applied as a dense product: a self-adjoint
    /// operator with a spectrum chosen exactly.
    /// </summary>
    private static KrylovEstimate.Operator Rotated(double[] values, int seed)
    {
        var n = values.Length;
        var random = new Random(seed);
        var gaussian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() - 0.5);
        var q = gaussian.QR().Q;
        var matrix = q * MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfDiagonalArray(values) * q.Transpose();
        return (v, _, result) =>
        {
            var image = matrix * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(v);
            image.CopyTo(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(result));
        };
    }

    [Fact]
    public void A_cluster_of_ten_nearly_equal_top_eigenvalues_is_resolved_to_the_tolerance()
    {
        // The shape of a ten-output network's operator: ten top eigenvalues within 2.3 % (3491 ... 3573 scaled to
        // 0.977 ... 1), the rest well below. The Ritz value crawls through the cluster; a stop on its change alone
        // ended several percent low there, the residual test goes on until lambda_max is resolved.
        const int n = 600;
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = i < 10 ? 1 - 0.0023 * i : 0.97 * (n - i) / n;
        }

        foreach (var seed in new[] { 1, 2, 3 })
        {
            var estimate = KrylovEstimate.Largest(n, Rotated(values, seed), null, seed, KrylovEstimate.DefaultIterations, 1e-3);
            output.WriteLine($"seed {seed}: {estimate:R}");
            // Ritz values never exceed lambda_max = 1; a residual below 1e-3 puts the estimate within 1e-3 of an eigenvalue,
            // and Lanczos resolves the largest first.
            Assert.InRange(estimate, 1 - 1e-3, 1 + 1e-12);
        }
    }

    [Fact]
    public void A_separated_top_eigenvalue_is_found_in_few_products_and_exactly_on_an_invariant_space()
    {
        const int n = 200;
        var values = Enumerable.Range(0, n).Select(i => i == 0 ? 2.0 : 1.0 * (n - i) / n).ToArray();
        var products = 0;
        var apply = Rotated(values, 4);
        var estimate = KrylovEstimate.Largest(n, (v, g, r) => { products++; apply(v, g, r); }, null, 4, KrylovEstimate.DefaultIterations, 1e-6);
        Assert.Equal(2.0, estimate, 1e-6);
        // Gap ratio 2: Chebyshev convergence needs a few tens of products, far fewer than the dimension.
        Assert.InRange(products, 2, 40);

        // Three distinct eigenvalues: the Krylov space is invariant after three products and the value is exact.
        var few = Enumerable.Range(0, 50).Select(i => (double)(i % 3 + 1)).ToArray();
        Assert.Equal(3.0, KrylovEstimate.Largest(50, Rotated(few, 5), null, 5, KrylovEstimate.DefaultIterations, 1e-3), 1e-10);
    }
}
