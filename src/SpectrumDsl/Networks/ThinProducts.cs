using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Networks;

/// <summary>
/// The products too thin to pack (the output layer with c outputs: a W^T, s^T a and s W with c from 1 to a few
/// dozen), blocked for the cache and run on every core. Each result entry is computed exactly as the one-thread
/// loop computes it (the same axpy chain over k in ascending order, or one whole dot), and the work is cut into
/// fixed pieces, so the bits depend neither on the thread count nor on the blocking.
/// </summary>
/// <remarks>
/// A one-thread loop that streams the n x m activation from memory once per output makes these products cost as
/// much as the hidden layer's GEMMs at the Fashion-MNIST shape (n = 10 000, width 2048, c = 10); blocking reads
/// each piece of the activation once for all outputs.
/// </remarks>
internal static class ThinProducts
{
    // Rows per piece of a combination of columns (a multiple of the widest vector, so SIMD tails fall on the same
    // elements as in one pass over the column), and result columns kept in cache together: 16 x 4 KB.
    private const int RowChunk = 512;
    private const int ColumnBlock = 16;

    // Dots per piece of a^T b.
    private const int DotChunk = 32;

    // Below this many multiply-adds the hand-off to the workers costs more than it saves.
    private const long ParallelWork = 1L << 20;

    /// <summary>
    /// result column j = sum_k coefficient(k, j) a[:, k] (a is n x inner, result n x columns, both column-major), with
    /// coefficient(k, j) at k * rowStride + j * columnStride: a * b and a * b^T.
    /// </summary>
    public static void CombineColumns(double[] a, int n, int inner, double[] coefficients, int rowStride, int columnStride, int columns, double[] result)
    {
        // Taken out of the slot while it runs: a call from inside a job on this thread gets its own.
        var job = CombineJob.Instance ?? new CombineJob();
        CombineJob.Instance = null;
        job.Set(a, n, inner, coefficients, rowStride, columnStride, columns, result);
        WorkerPool.For((n + RowChunk - 1) / RowChunk, job, Threads((long)n * inner * columns));
        job.Clear();
        CombineJob.Instance = job;
    }

    /// <summary>result (p x q) = a^T b for a (n x p) and b (n x q), column-major: one dot per entry.</summary>
    public static void TransposeAndMultiply(double[] a, double[] b, int n, int p, int q, double[] result)
    {
        var job = DotJob.Instance ?? new DotJob();
        DotJob.Instance = null;
        job.Set(a, b, n, p, q, result);
        WorkerPool.For((p * q + DotChunk - 1) / DotChunk, job, Threads((long)n * p * q));
        job.Clear();
        DotJob.Instance = job;
    }

    private static int Threads(long work) => work >= ParallelWork ? LinearAlgebraControl.Threads : 1;

    private sealed class CombineJob : ParallelJob
    {
        [ThreadStatic] internal static CombineJob? Instance;
        private double[] a = [], coefficients = [], result = [];
        private int n, inner, rowStride, columnStride, columns;

        public void Set(double[] a, int n, int inner, double[] coefficients, int rowStride, int columnStride, int columns, double[] result)
        {
            (this.a, this.n, this.inner, this.coefficients, this.rowStride, this.columnStride, this.columns, this.result) =
                (a, n, inner, coefficients, rowStride, columnStride, columns, result);
        }

        // Drops the references, so a finished product does not keep the caller's buffers alive.
        public void Clear() => (a, coefficients, result) = ([], [], []);

        public override void Execute(int index)
        {
            var start = index * RowChunk;
            var rows = Math.Min(RowChunk, n - start);
            for (var first = 0; first < columns; first += ColumnBlock)
            {
                var last = Math.Min(columns, first + ColumnBlock);
                for (var j = first; j < last; j++)
                {
                    result.AsSpan(j * n + start, rows).Clear();
                }

                // k outside j: a's piece of column k is read once and added to every column of the block in cache.
                for (var k = 0; k < inner; k++)
                {
                    var column = a.AsSpan(k * n + start, rows);
                    for (var j = first; j < last; j++)
                    {
                        var alpha = coefficients[k * rowStride + j * columnStride];
                        // Inactive ReLU units give whole runs of zero coefficients: skipping them saves the pass.
                        if (alpha != 0)
                        {
                            FastLinearAlgebra.Axpy(alpha, column, result.AsSpan(j * n + start, rows));
                        }
                    }
                }
            }
        }
    }

    private sealed class DotJob : ParallelJob
    {
        [ThreadStatic] internal static DotJob? Instance;
        private double[] a = [], b = [], result = [];
        private int n, p, q;

        public void Set(double[] a, double[] b, int n, int p, int q, double[] result) =>
            (this.a, this.b, this.n, this.p, this.q, this.result) = (a, b, n, p, q, result);

        public void Clear() => (a, b, result) = ([], [], []);

        public override void Execute(int index)
        {
            var end = Math.Min(p * q, (index + 1) * DotChunk);
            for (var entry = index * DotChunk; entry < end; entry++)
            {
                var (j, i) = Math.DivRem(entry, p);
                result[entry] = FastLinearAlgebra.Dot(a.AsSpan(i * n, n), b.AsSpan(j * n, n));
            }
        }
    }
}
