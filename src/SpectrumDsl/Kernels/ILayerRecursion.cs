using System.Runtime.Intrinsics;

namespace SpectrumDsl.Kernels;

/// <summary>
/// One layer of an activation's dot-product kernel recursion (docs/design.md#network for ReLU, #erf for Erf), at every
/// vector width, as an operator for the generic drivers in <see cref="LayerRecursion"/>: an activation supplies only
/// its formulas (<see cref="ReluArcCosineLayer"/>, <see cref="ErfArcSineLayer"/>), the loops over blocks, layers, widths and tails are shared.
/// Every width must compute the same formula, so an entry's value does not depend on where it sits in a block.
/// </summary>
internal interface ILayerRecursion
{
    /// <summary>The normaliser of a pair from its two variances Sigma(x, x) and Sigma(z, z) (ReLU: their geometric mean).</summary>
    double Norm(double rowVariance, double columnVariance);

    /// <inheritdoc cref="Norm(double, double)"/>
    Vector256<double> Norm(Vector256<double> rowVariance, Vector256<double> columnVariance);

    /// <inheritdoc cref="Norm(double, double)"/>
    Vector512<double> Norm(Vector512<double> rowVariance, Vector512<double> columnVariance);

    /// <summary>Sigma(l) and SigmaDot(l) of a pair from Sigma(l-1) and the pair's <see cref="Norm(double, double)"/>.</summary>
    void Step(double sigma, double norm, out double sigmaNext, out double sigmaDot);

    /// <inheritdoc cref="Step(double, double, out double, out double)"/>
    void Step(Vector256<double> sigma, Vector256<double> norm, out Vector256<double> sigmaNext, out Vector256<double> sigmaDot);

    /// <inheritdoc cref="Step(double, double, out double, out double)"/>
    void Step(Vector512<double> sigma, Vector512<double> norm, out Vector512<double> sigmaNext, out Vector512<double> sigmaDot);
}
