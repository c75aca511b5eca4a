using SpectrumDsl.Kernels;
using SpectrumDsl.Training;

namespace SpeedupRegimes;

/// <summary>Everything a run depends on; written into report.json so a run can be repeated.</summary>
public sealed record Settings(
    int MaxDegree,
    int Samples,
    int Width,
    double Tolerance,
    int MaxSteps,
    int Seed,
    string Output,
    bool Plain,
    IReadOnlyList<Activation> Activations,
    double LearningRate = 0,
    DivergencePolicy OnDivergence = DivergencePolicy.Recover)
{
    /// <summary>The circle S^1: the paper's setting, where degree D has multiplicity 2 (1 for D = 0).</summary>
    public const int Dimension = 2;

    /// <summary>One hidden layer.</summary>
    public const int Depth = 1;

    /// <summary>Bias scale 1: without bias the even degrees of the Erf NTK vanish (erf is odd) and cannot be learned.</summary>
    public const double Bias = 1.0;

    /// <summary>k = 2D + 1 covers the degrees 0..D on the circle.</summary>
    public static int Rank(int degree) => 2 * degree + 1;
}
