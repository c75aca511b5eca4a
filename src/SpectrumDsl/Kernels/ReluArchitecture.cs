using SpectrumDsl.Validation;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The one description of a ReLU multilayer perceptron in NTK parameterisation (DESIGN 2.1):
/// the analytic kernels and the finite network are both made from it, so they cannot disagree.
/// </summary>
public sealed record ReluArchitecture
{
    /// <summary>Describes a ReLU network.</summary>
    /// <param name="depth">Number of hidden layers L (at least 1).</param>
    /// <param name="biasScale">Bias scale beta (0 means no bias).</param>
    public ReluArchitecture(int depth, double biasScale)
    {
        Guard.AtLeast(depth, 1, nameof(depth), "A ReLU network needs at least one hidden layer.");
        Guard.NonNegative(biasScale, nameof(biasScale), "Use 0 for a network without bias.");
        Depth = depth;
        BiasScale = biasScale;
    }

    /// <summary>Number of hidden layers L.</summary>
    public int Depth { get; }

    /// <summary>Bias scale beta.</summary>
    public double BiasScale { get; }

    /// <summary>The infinite-width neural tangent kernel of this architecture.</summary>
    public ReluNtkKernel Ntk() => new(this);

    /// <summary>The infinite-width NNGP (output covariance at initialisation) of this architecture.</summary>
    public ReluNngpKernel Nngp() => new(this);
}
