namespace SpectrumDsl.Tests.Support;

/// <summary>Steady-state allocation of a repeated action on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// The fewest bytes one round of <paramref name="stepsPerRound"/> calls allocated, over
    /// <paramref name="rounds"/> rounds after a warm-up. The tiered JIT compiles hot loops (on-stack
    /// replacement) synchronously on this thread, which shows up in some rounds; an allocation in
    /// the action itself shows up in every round, so the minimum isolates it.
    /// </summary>
    public static long PerRoundMinimum(Action action, int warmUp = 30, int rounds = 5, int stepsPerRound = 5)
    {
        for (var i = 0; i < warmUp; i++)
        {
            action();
        }

        var fewest = long.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < stepsPerRound; i++)
            {
                action();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
