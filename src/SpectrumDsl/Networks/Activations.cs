using MathNet.Numerics;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Networks;

/// <summary>
/// The pointwise side of each <see cref="Activation"/>: its value, its derivative and the factor
/// c_sigma in the hidden layers' scale sqrt(c_sigma / m). The kernel side (the layer recursion of the
/// NTK and NNGP) lives with the kernels; both follow the same <see cref="NetworkArchitecture"/>.
/// </summary>
/// <remarks>
/// The maps are operators (ActivationOperators.cs) run on every core by <see cref="ParallelMap"/>; ReLU's are vectorised,
/// erf's go lane by lane because .NET has no vectorised erf; MathNet's <see cref="SpecialFunctions.Erf"/> (Boost's rational approximations, within a few ulps
/// of erf, tested in ActivationsTests) is exact enough that the network and its kernel differ only by the width.
/// </remarks>
internal static class Activations
{
    /// <summary>
    /// c_sigma: 2 for ReLU (so that E relu(u)^2 = 1/2 is compensated and Sigma keeps its scale), 1 for erf (the
    /// paper's and Jacot's erf network, whose Sigma(l) is the arc-sine kernel itself, docs/design.md#erf).
    /// </summary>
    public static double ScaleFactor(Activation activation) => activation switch
    {
        Activation.Relu => 2.0,
        Activation.Erf => 1.0,
        _ => throw Unknown(activation),
    };

    /// <summary>a = phi(h), elementwise, on every core for large layers.</summary>
    public static void Apply(Activation activation, ReadOnlySpan<double> h, Span<double> a)
    {
        switch (activation)
        {
            case Activation.Relu:
                ParallelMap.Map(h, a, default(ReluValue));
                break;
            case Activation.Erf:
                ParallelMap.Map(h, a, default(ErfValue));
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
                ParallelMap.Map(h, g, g, new ReluGate(scale));
                break;
            case Activation.Erf:
                ParallelMap.Map(h, g, g, new ErfGate(scale));
                break;
            default:
                throw Unknown(activation);
        }
    }

    private static ArgumentOutOfRangeException Unknown(Activation activation) =>
        new(nameof(activation), activation, $"Activation {activation} has no pointwise implementation.");
}
