using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

[Collection(ControlCollection.Name)]
public class BlockedCholeskyTests
{
    // Sizes below, at and across the block size (128), so the diagonal-block, panel and GEMM parts all run.
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(300)]
    public void Factor_matches_MathNet_and_solves_the_system(int n)
    {
        var random = new Random(n);
        var g = Matrix<double>.Build.Dense(n, n + 5, (_, _) => random.NextDouble() - 0.5);
        var a = g * g.Transpose() + Matrix<double>.Build.DenseIdentity(n) * 0.1;
        var b = Matrix<double>.Build.Dense(n, 3, (_, _) => random.NextDouble() - 0.5);

        var factor = a.Clone();
        Assert.True(BlockedCholesky.TryFactor(factor, out var failed));
        Assert.Equal(-1, failed);
        var reference = a.Cholesky().Factor;
        // Cholesky is backward stable: each entry of L agrees to a few hundred eps of the largest |L| entry
        // (cond(a) <= (|g|^2 + 0.1) / 0.1 here, ~1e3, so forward error up to ~1e3 eps is allowed).
        var scale = reference.Enumerate().Max(Math.Abs);
        for (var j = 0; j < n; j++)
        {
            for (var i = j; i < n; i++)
            {
                Assert.True(Math.Abs(factor[i, j] - reference[i, j]) <= 1e-12 * scale, $"L[{i},{j}]: {factor[i, j]} vs {reference[i, j]}");
            }
        }

        var x = BlockedCholesky.Solve(factor, b);
        Assert.True((a * x - b).FrobeniusNorm() <= 1e-10 * b.FrobeniusNorm());
    }

    [Fact]
    public void An_indefinite_matrix_reports_the_failing_pivot()
    {
        // Positive definite leading 140 x 140 block (past one column block), then a negative diagonal entry.
        var n = 150;
        var a = Matrix<double>.Build.DenseIdentity(n);
        a[140, 140] = -1;
        Assert.False(BlockedCholesky.TryFactor(a, out var failed));
        Assert.Equal(140, failed);
    }

    [Fact]
    public void The_factor_is_bit_identical_for_one_and_two_threads()
    {
        var random = new Random(3);
        var g = Matrix<double>.Build.Dense(400, 400, (_, _) => random.NextDouble() - 0.5);
        var a = g * g.Transpose() + Matrix<double>.Build.DenseIdentity(400);
        var one = a.Clone();
        var two = a.Clone();
        using (LinearAlgebraControl.Override(threads: 1))
        {
            Assert.True(BlockedCholesky.TryFactor(one, out _));
        }

        using (LinearAlgebraControl.Override(threads: 2))
        {
            Assert.True(BlockedCholesky.TryFactor(two, out _));
        }

        Assert.Equal(one.ToColumnMajorArray(), two.ToColumnMajorArray());
    }
}
