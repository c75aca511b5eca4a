using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Kernels;

/// <summary>
/// The fused, lower-triangle, multi-core Gram path against the pointwise recursion at sizes that
/// take the parallel branch (and odd sizes that exercise the vector tails).
/// </summary>
public class ParallelGramTests
{
    [Theory]
    [InlineData(1, 0.0, true)]
    [InlineData(2, 1.0, true)]
    [InlineData(3, 0.5, false)]
    public void Parallel_fused_gram_matches_pointwise_entrywise(int depth, double bias, bool ntk)
    {
        NetworkKernel kernel = ntk ? NetworkArchitecture.Relu(depth, bias).Ntk() : NetworkArchitecture.Relu(depth, bias).Nngp();
        var x = Numerics.RandomPoints(301, 7, seed: 11);
        var gram = kernel.Gram(x);
        var worst = 0.0;
        for (var j = 0; j < x.RowCount; j++)
        {
            for (var i = j; i < x.RowCount; i += 1 + (i % 3))
            {
                var expected = kernel.Evaluate(x.Row(i), x.Row(j));
                worst = Math.Max(worst, Math.Abs(gram[i, j] - expected) / Math.Abs(expected));
                Assert.Equal(gram[i, j], gram[j, i]);
            }
        }

        Assert.True(worst <= 1e-12, $"worst relative error {worst}");
    }

    [Fact]
    public void Gram_diagonal_keeps_rho_exactly_one()
    {
        // On the diagonal Sigma(x, x) must follow the exact variance recursion; a one-ulp miss of
        // rho = 1 would show up as a sqrt(eps) ~ 1e-8 error here.
        var kernel = NetworkArchitecture.Relu(4, 0.3).Nngp();
        var x = Numerics.RandomPoints(257, 9, seed: 2);
        var gram = kernel.Gram(x);
        for (var i = 0; i < x.RowCount; i++)
        {
            var expected = kernel.Evaluate(x.Row(i), x.Row(i));
            Assert.True(Math.Abs(gram[i, i] / expected - 1) <= 1e-13, $"diagonal {i}: {gram[i, i]} vs {expected}");
        }
    }

    [Fact]
    public void Parallel_cross_matches_pointwise()
    {
        var kernel = NetworkArchitecture.Relu(2, 1.0).Ntk();
        var x = Numerics.RandomPoints(203, 6, seed: 3);
        var xNew = Numerics.RandomPoints(181, 6, seed: 4);
        var cross = kernel.Cross(xNew, x);
        var pointwise = Matrix<double>.Build.Dense(181, 203, (i, j) => kernel.Evaluate(xNew.Row(i), x.Row(j)));
        Assert.True(Numerics.RelativeError(cross, pointwise) <= 1e-12, $"{Numerics.RelativeError(cross, pointwise)}");
    }
}

public class WorkerPoolTests
{
    private sealed class CountJob : ParallelJob
    {
        public readonly int[] Hits = new int[1000];
        public int ThrowAt = -1;
        public bool Nest = true;

        public override void Execute(int index)
        {
            if (index == ThrowAt)
            {
                throw new InvalidOperationException("boom");
            }

            Interlocked.Increment(ref Hits[index]);
            if (Nest && index % 250 == 0)
            {
                // A nested run (from inside a job) must not deadlock: it runs serially.
                var inner = new CountJob { Nest = false };
                WorkerPool.For(10, inner, 2);
                Assert.All(inner.Hits.Take(10), h => Assert.Equal(1, h));
            }
        }
    }

    [Fact]
    public void Every_index_runs_once_and_nested_runs_complete()
    {
        for (var round = 0; round < 20; round++)
        {
            var job = new CountJob();
            WorkerPool.For(1000, job, 2);
            Assert.All(job.Hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void An_exception_in_a_job_reaches_the_caller_and_the_pool_recovers()
    {
        var failing = new CountJob { ThrowAt = 517 };
        Assert.Throws<InvalidOperationException>(() => WorkerPool.For(1000, failing, 2));
        var job = new CountJob();
        WorkerPool.For(1000, job, 2);
        Assert.All(job.Hits, h => Assert.Equal(1, h));
    }
}
