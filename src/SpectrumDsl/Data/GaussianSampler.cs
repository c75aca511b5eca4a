namespace SpectrumDsl.Data;

/// <summary>
/// Standard normal numbers from a seeded <see cref="Random"/> (whose seeded sequence is stable
/// across .NET versions), by Box-Muller: the same seed gives the same numbers everywhere.
/// </summary>
internal sealed class GaussianSampler
{
    private readonly Random random;
    private double spare;
    private bool hasSpare;

    public GaussianSampler(int seed) => random = new Random(seed);

    public double Next()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }

        // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
        var angle = 2.0 * Math.PI * random.NextDouble();
        spare = radius * Math.Sin(angle);
        hasSpare = true;
        return radius * Math.Cos(angle);
    }

    public void Fill(Span<double> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Next();
        }
    }
}
