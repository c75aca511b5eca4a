namespace SpectrumDsl;

/// <summary>Base kernel: the NTK of a fully connected ReLU network (NTK parameterisation).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReluNtkAttribute : Attribute
{
    /// <summary>Number of hidden layers; at least 1.</summary>
    public int Depth { get; set; } = 1;

    /// <summary>Bias scale (beta); 0 for a network without bias, never negative.</summary>
    public double BiasScale { get; set; }
}

/// <summary>Base kernel: Gaussian <c>exp(-|x - z|^2 / (2 h^2))</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GaussianKernelAttribute : Attribute
{
    /// <summary>Declares a Gaussian kernel.</summary>
    /// <param name="bandwidth">The bandwidth h; greater than 0.</param>
    public GaussianKernelAttribute(double bandwidth) => Bandwidth = bandwidth;

    /// <summary>The bandwidth h.</summary>
    public double Bandwidth { get; }
}

/// <summary>Base kernel: Laplace <c>exp(-|x - z| / h)</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LaplaceKernelAttribute : Attribute
{
    /// <summary>Declares a Laplace kernel.</summary>
    /// <param name="bandwidth">The bandwidth h; greater than 0.</param>
    public LaplaceKernelAttribute(double bandwidth) => Bandwidth = bandwidth;

    /// <summary>The bandwidth h.</summary>
    public double Bandwidth { get; }
}
