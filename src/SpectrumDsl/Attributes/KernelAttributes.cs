using SpectrumDsl.Validation;

namespace SpectrumDsl;

// Every kernel setting can be written by name (`[GaussianKernel(Bandwidth = 0.5)]`, like
// `[ReluNtk(Depth = 2)]`) or, where a constructor takes it, by position (`[GaussianKernel(0.5)]`);
// the generator reports SPD035 when a setting is given both ways or a required one is missing.
// Initial values are SettingRules' defaults, the same the generator assumes for unwritten settings.

/// <summary>Base kernel: the NTK of a fully connected ReLU network (NTK parameterisation).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReluNtkAttribute : Attribute
{
    /// <summary>Number of hidden layers; at least 1 (default 1).</summary>
    public int Depth { get; set; } = SettingRules.DefaultDepth;

    /// <summary>Bias scale (beta); 0 (default) for a network without bias, never negative.</summary>
    public double BiasScale { get; set; } = SettingRules.DefaultKernelBiasScale;
}

/// <summary>
/// Base kernel: the NTK of a fully connected erf network (NTK parameterisation, layer factor 1/sqrt(m)), whose sphere
/// eigenvalues fall geometrically with the degree (docs/design.md#erf). Give a bias: without one, erf is odd and the
/// even degrees have eigenvalue 0.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ErfNtkAttribute : Attribute
{
    /// <summary>Number of hidden layers; at least 1 (default 1).</summary>
    public int Depth { get; set; } = SettingRules.DefaultDepth;

    /// <summary>Bias scale (beta); 0 (default) for a network without bias, never negative.</summary>
    public double BiasScale { get; set; } = SettingRules.DefaultKernelBiasScale;
}

/// <summary>Base kernel: Gaussian <c>exp(-|x - z|^2 / (2 h^2))</c>. Give the bandwidth as <c>[GaussianKernel(h)]</c> or <c>[GaussianKernel(Bandwidth = h)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GaussianKernelAttribute : Attribute
{
    /// <summary>Declares a Gaussian kernel whose bandwidth is set by name (<see cref="Bandwidth"/>).</summary>
    public GaussianKernelAttribute() { }

    /// <summary>Declares a Gaussian kernel.</summary>
    /// <param name="bandwidth">The bandwidth h; greater than 0.</param>
    public GaussianKernelAttribute(double bandwidth) => Bandwidth = bandwidth;

    /// <summary>The bandwidth h; greater than 0. Required, by position or by name, not both.</summary>
    public double Bandwidth { get; set; }
}

/// <summary>Base kernel: Laplace <c>exp(-|x - z| / h)</c>. Give the bandwidth as <c>[LaplaceKernel(h)]</c> or <c>[LaplaceKernel(Bandwidth = h)]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LaplaceKernelAttribute : Attribute
{
    /// <summary>Declares a Laplace kernel whose bandwidth is set by name (<see cref="Bandwidth"/>).</summary>
    public LaplaceKernelAttribute() { }

    /// <summary>Declares a Laplace kernel.</summary>
    /// <param name="bandwidth">The bandwidth h; greater than 0.</param>
    public LaplaceKernelAttribute(double bandwidth) => Bandwidth = bandwidth;

    /// <summary>The bandwidth h; greater than 0. Required, by position or by name, not both.</summary>
    public double Bandwidth { get; set; }
}
