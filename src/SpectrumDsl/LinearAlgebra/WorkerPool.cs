namespace SpectrumDsl.LinearAlgebra;

/// <summary>A unit of parallel work: <see cref="Execute"/> is called once for every index of a range.</summary>
/// <remarks>
/// Callers keep one instance per thread (for example in a <c>[ThreadStatic]</c> field) and set its fields
/// before each run, so no closure or delegate is allocated per call.
/// </remarks>
internal abstract class ParallelJob
{
    /// <summary>Processes item <paramref name="index"/>; items may run concurrently on different threads.</summary>
    public abstract void Execute(int index);
}

/// <summary>
/// Persistent background workers for the hot loops (GEMM blocks, the arc-cosine map): unlike
/// <see cref="System.Threading.Tasks.Parallel.For(int, int, System.Action{int})"/>, a run allocates nothing on the
/// calling thread once the workers exist, so a training step stays allocation-free. The caller takes part in
/// the work. One run at a time: a concurrent or nested call (from inside a job) runs serially on its own thread.
/// </summary>
internal static class WorkerPool
{
    private static readonly object InitGate = new();
    private static Thread[]? workers;
    private static SemaphoreSlim? start;
    private static readonly ManualResetEventSlim Done = new(false);

    private static int busy;            // 1 while a run owns the pool
    private static ParallelJob? current;
    private static int total;
    private static int next;
    private static int remaining;       // workers still running the current job
    private static Exception? failure;

    /// <summary>Runs <paramref name="job"/> for indices 0..count-1 on up to <paramref name="threads"/> threads (caller included).</summary>
    public static void For(int count, ParallelJob job, int threads)
    {
        if (count <= 0)
        {
            return;
        }

        if (count == 1 || threads <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            for (var i = 0; i < count; i++)
            {
                job.Execute(i);
            }

            return;
        }

        try
        {
            EnsureWorkers();
            var helpers = Math.Min(Math.Min(threads - 1, count - 1), workers!.Length);
            current = job;
            total = count;
            next = -1;
            failure = null;
            remaining = helpers;
            Done.Reset();
            if (helpers > 0)
            {
                start!.Release(helpers);
            }

            RunItems();
            if (helpers > 0)
            {
                Done.Wait();
            }

            current = null;
            if (failure is { } error)
            {
                failure = null;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    private static void RunItems()
    {
        var job = current!;
        int i;
        while ((i = Interlocked.Increment(ref next)) < total)
        {
            try
            {
                job.Execute(i);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
        }
    }

    private static void EnsureWorkers()
    {
        if (workers is not null)
        {
            return;
        }

        lock (InitGate)
        {
            if (workers is not null)
            {
                return;
            }

            start = new SemaphoreSlim(0);
            var list = new Thread[Math.Max(0, LinearAlgebraControl.DefaultThreads - 1)];
            for (var t = 0; t < list.Length; t++)
            {
                list[t] = new Thread(WorkerLoop) { IsBackground = true, Name = $"SpectrumDsl worker {t + 1}" };
                list[t].Start();
            }

            workers = list;
        }
    }

    private static void WorkerLoop()
    {
        while (true)
        {
            start!.Wait();
            RunItems();
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                Done.Set();
            }
        }
    }
}
