using SpectrumDsl.Training.Loop;

namespace SpectrumDsl.Training.MiniBatch;

/// <summary>
/// The mini-batch order: passes over a seeded shuffle of the n points, reshuffled at the end of each pass.
/// System.Random's state cannot be saved, so the order is restored by replaying the shuffles made so far
/// (<see cref="RunState.Shuffles"/>), which reproduces both the permutation and the generator exactly.
/// </summary>
internal sealed class BatchOrder
{
    private readonly RunState state;
    private readonly int[] order;
    private readonly Random shuffler;

    public BatchOrder(RunState state, int count, int seed)
    {
        this.state = state;
        order = Enumerable.Range(0, count).ToArray();
        shuffler = new Random(seed);
        for (long s = 0; s < state.Shuffles; s++)
        {
            shuffler.Shuffle(order);
        }
    }

    /// <summary>Fills <paramref name="indices"/> with the next points of the order.</summary>
    public void Next(Span<int> indices)
    {
        for (var j = 0; j < indices.Length; j++)
        {
            if (state.Position == order.Length)
            {
                shuffler.Shuffle(order);
                state.Shuffles++;
                state.Position = 0;
            }

            indices[j] = order[state.Position++];
        }
    }
}
