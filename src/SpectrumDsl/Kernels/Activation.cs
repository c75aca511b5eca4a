namespace SpectrumDsl.Kernels;

/// <summary>The nonlinearity of every hidden layer of a <see cref="NetworkArchitecture"/>.</summary>
public enum Activation
{
    /// <summary>relu(u) = max(u, 0), with the layer factor sqrt(2/m) (c_sigma = 2); its kernels are the arc-cosine recursion (docs/design.md#network).</summary>
    Relu,

    /// <summary>
    /// erf(u) = (2/sqrt(pi)) int_0^u exp(-t^2) dt, with the layer factor 1/sqrt(m) (c_sigma = 1); its kernels are the
    /// arc-sine recursion, whose sphere eigenvalues fall geometrically with the degree (docs/design.md#erf).
    /// </summary>
    Erf,
}
