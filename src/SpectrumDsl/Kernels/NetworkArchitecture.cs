using System.Globalization;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The one description of a fully connected network in NTK parameterisation (docs/design.md#network):
/// activation, depth and bias scale. The analytic kernels (<see cref="Ntk"/>, <see cref="Nngp"/>) and the
/// finite network (<see cref="Networks.FullyConnectedNetwork"/>) are both made from it, so they cannot disagree.
/// </summary>
public sealed record NetworkArchitecture
{
    /// <summary>Describes a network.</summary>
    /// <param name="activation">The nonlinearity of every hidden layer.</param>
    /// <param name="depth">Number of hidden layers L (at least 1).</param>
    /// <param name="biasScale">Bias scale beta (0 means no bias).</param>
    public NetworkArchitecture(Activation activation, int depth, double biasScale)
    {
        // The same rules as [ReluNtk]'s compile-time checks (SettingRules, shared with the generator).
        Guard.Defined(activation, nameof(activation));
        Guard.Satisfies(SettingRules.Depth(depth, nameof(depth)), nameof(depth), depth);
        Guard.Satisfies(SettingRules.BiasScale(biasScale, nameof(biasScale)), nameof(biasScale), biasScale);
        Activation = activation;
        Depth = depth;
        BiasScale = biasScale;
    }

    /// <summary>A ReLU network with <paramref name="depth"/> hidden layers and bias scale <paramref name="biasScale"/>.</summary>
    public static NetworkArchitecture Relu(int depth, double biasScale) => new(Activation.Relu, depth, biasScale);

    /// <summary>An erf network with <paramref name="depth"/> hidden layers and bias scale <paramref name="biasScale"/> (docs/design.md#erf).</summary>
    public static NetworkArchitecture Erf(int depth, double biasScale) => new(Activation.Erf, depth, biasScale);

    /// <summary>The nonlinearity of every hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>Number of hidden layers L.</summary>
    public int Depth { get; }

    /// <summary>Bias scale beta.</summary>
    public double BiasScale { get; }

    /// <summary>The infinite-width neural tangent kernel of this architecture.</summary>
    public NtkKernel Ntk() => new(this);

    /// <summary>The infinite-width NNGP (output covariance at initialisation) of this architecture.</summary>
    public NngpKernel Nngp() => new(this);

    /// <summary>"ReLU, depth 1, bias 1": for reports and kernel names.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"{ActivationName}, depth {Depth}, bias {BiasScale:R}");

    /// <summary>The activation as written in reports ("ReLU", "Erf").</summary>
    public string ActivationName => Activation switch
    {
        Activation.Relu => "ReLU",
        Activation.Erf => "Erf",
        _ => Activation.ToString(),
    };
}
