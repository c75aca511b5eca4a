using SpectrumDsl.Training;

namespace SpectralBias;

/// <summary>Everything a run depends on; written into report.json so a run can be repeated.</summary>
public sealed record Settings(
    int Dimension,
    int Samples,
    int TestPoints,
    int Width,
    int Depth,
    double Bias,
    int Rank,
    IReadOnlyList<int> Frequencies,
    double Tolerance,
    int MaxSteps,
    int Seed,
    string Output,
    bool Plain,
    string? CheckpointFolder = null,
    bool Resume = false,
    int CheckpointInterval = 500,
    double LearningRate = 0,
    DivergencePolicy OnDivergence = DivergencePolicy.Recover,
    bool Verbose = false);
