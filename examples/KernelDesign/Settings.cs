namespace KernelDesign;

/// <summary>What one measurement depends on, as given on the command line.</summary>
public sealed record Settings(
    IReadOnlyList<int> Samples,
    int Rank,
    int Dimension,
    int TestPoints,
    int Seed,
    int Repeats,
    string Output);
