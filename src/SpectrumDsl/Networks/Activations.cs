using SpectrumDsl.Kernels;

namespace SpectrumDsl.Networks;

/// <summary>
/// The pointwise side of each <see cref="Activation"/>: its value, its derivative and the factor
/// c_sigma in the hidden layers' scale sqrt(c_sigma / m). The kernel side (the layer recursion of the
/// NTK and NNGP) lives with the kernels; both follow the same <see cref="NetworkArchitecture"/>.
/// </summary>
internal static class Activations
{
    /// <summary>c_sigma: 2 for ReLU (so that E relu(u)^2 = 1/2 is compensated and Sigma keeps its scale).</summary>
    public static double ScaleFactor(Activation activation) => activation switch
    {
        Activation.Relu => 2.0,
        _ => throw Unknown(activation),
    };

    /// <summary>a = phi(h), elementwise.</summary>
    public static void Apply(Activation activation, ReadOnlySpan<double> h, Span<double> a)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (var i = 0; i < h.Length; i++)
                {
                    a[i] = Math.Max(h[i], 0.0);
                }

                break;
            default:
                throw Unknown(activation);
        }
    }

    /// <summary>g = scale * phi'(h) .* g, elementwise (backpropagation and tangents through the nonlinearity).</summary>
    public static void MultiplyDerivative(Activation activation, ReadOnlySpan<double> h, Span<double> g, double scale)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (var i = 0; i < h.Length; i++)
                {
                    g[i] = h[i] > 0 ? scale * g[i] : 0.0;
                }

                break;
            default:
                throw Unknown(activation);
        }
    }

    private static ArgumentOutOfRangeException Unknown(Activation activation) =>
        new(nameof(activation), activation, $"Activation {activation} has no pointwise implementation.");
}
