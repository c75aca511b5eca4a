namespace SpectrumDsl.Kernels;

/// <summary>The nonlinearity of every hidden layer of a <see cref="NetworkArchitecture"/>.</summary>
public enum Activation
{
    /// <summary>relu(u) = max(u, 0), with the layer factor sqrt(2/m) (c_sigma = 2); its kernels are the arc-cosine recursion (docs/design.md#network).</summary>
    Relu,
}
