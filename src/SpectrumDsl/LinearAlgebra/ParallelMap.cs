namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// <see cref="Simd.Map{TOp}(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, TOp)"/> over every core: the
/// span is cut into fixed chunks that the <see cref="WorkerPool"/> hands out. Each element's result depends only
/// on its own inputs, and each chunk starts at a multiple of the widest vector, so the bits do not depend on the
/// thread count.
/// </summary>
/// <remarks>
/// The network's pointwise passes over its n x m hidden layers (ReLU's gate in backpropagation, erf and its
/// derivative) touch as much memory as the products around them; on one thread they would hold a step back while
/// the products use every core.
/// </remarks>
internal static unsafe class ParallelMap
{
    /// <summary>Elements per chunk (a multiple of 8): 256 KB of each operand, enough to hide the hand-off.</summary>
    internal const int Chunk = 1 << 15;

    /// <summary>result[i] = op(x[i], y[i]); <paramref name="result"/> may be <paramref name="x"/> or <paramref name="y"/> itself.</summary>
    public static void Map<TOp>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result, TOp op)
        where TOp : struct, IBinaryOperator
    {
        var threads = LinearAlgebraControl.Threads;
        if (x.Length < 2 * Chunk || threads <= 1)
        {
            Simd.Map(x, y, result, op);
            return;
        }

        if (y.Length != x.Length || result.Length != x.Length)
        {
            throw new ArgumentException($"Spans differ in length: x {x.Length}, y {y.Length}, result {result.Length}.");
        }

        fixed (double* px = x)
        fixed (double* py = y)
        fixed (double* pr = result)
        {
            var job = BinaryJob<TOp>.Instance ??= new BinaryJob<TOp>();
            job.Set(px, py, pr, x.Length, op);
            WorkerPool.For((x.Length + Chunk - 1) / Chunk, job, threads);
        }
    }

    /// <summary>result[i] = op(x[i]); <paramref name="result"/> may be <paramref name="x"/> itself.</summary>
    public static void Map<TOp>(ReadOnlySpan<double> x, Span<double> result, TOp op)
        where TOp : struct, IUnaryOperator =>
        Map(x, x, result, new IgnoreSecond<TOp>(op));

    private sealed class BinaryJob<TOp> : ParallelJob
        where TOp : struct, IBinaryOperator
    {
        [ThreadStatic] internal static BinaryJob<TOp>? Instance;
        private double* x, y, result;
        private int length;
        private TOp op;

        public void Set(double* x, double* y, double* result, int length, TOp op)
        {
            this.x = x;
            this.y = y;
            this.result = result;
            this.length = length;
            this.op = op;
        }

        public override void Execute(int index)
        {
            var start = index * Chunk;
            var count = Math.Min(Chunk, length - start);
            Simd.Map(new ReadOnlySpan<double>(x + start, count), new ReadOnlySpan<double>(y + start, count), new Span<double>(result + start, count), op);
        }
    }

    // A unary operator through the binary driver (the second input is the first again), so one job type serves both.
    private readonly struct IgnoreSecond<TOp>(TOp op) : IBinaryOperator
        where TOp : struct, IUnaryOperator
    {
        public double Invoke(double x, double y) => op.Invoke(x);

        public System.Runtime.Intrinsics.Vector256<double> Invoke(System.Runtime.Intrinsics.Vector256<double> x, System.Runtime.Intrinsics.Vector256<double> y) => op.Invoke(x);

        public System.Runtime.Intrinsics.Vector512<double> Invoke(System.Runtime.Intrinsics.Vector512<double> x, System.Runtime.Intrinsics.Vector512<double> y) => op.Invoke(x);
    }
}
