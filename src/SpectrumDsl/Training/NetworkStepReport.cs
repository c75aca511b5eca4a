using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training;

/// <summary>
/// Measures the network's own operator before training (docs/design.md#step-size): lambda_max(J_0 J_0^T S) by
/// Lanczos in the S inner product, and for PGD also lambda_max(J_0 J_0^T), so the report can say how much of kernel theory's
/// step-size ratio lambda_max(K) / lambda_max(K S) this width realises, and warn when it is little.
/// </summary>
internal static class NetworkStepReport
{
    // Warn below this share of the predicted speed-up.
    private const double WarningShare = 0.5;

    // The width suggested is the one at which the network's excess over kernel theory, shrinking like
    // 1/sqrt(width), falls to this fraction of lambda_max(K S).
    private const double AcceptedExcess = 0.25;

    public static PreconditionerInfo Measure(FullyConnectedNetwork network, Matrix<double> points, TrainingSpectrum spectrum, int seed, List<string> warnings)
    {
        var tangent = new NetworkOperator(network, points);
        var withS = tangent.LargestEigenvalue(spectrum.Preconditioner, seed);
        var plain = spectrum.Preconditioner is null ? withS : tangent.LargestEigenvalue(null, seed);
        var info = spectrum.Info;
        var predicted = info.TopEigenvalue / spectrum.MaxEigenvalueOfKS;
        var share = Math.Min(1.0, plain / withS / predicted);
        if (spectrum.Preconditioner is not null && share < WarningShare)
        {
            var excess = withS - spectrum.MaxEigenvalueOfKS;
            var factor = excess / (AcceptedExcess * spectrum.MaxEigenvalueOfKS);
            var width = (long)Math.Min(int.MaxValue, Math.Ceiling(network.Width * factor * factor));
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Width {network.Width} realises {share:P1} of kernel theory's PGD speed-up: the network's own J J^T S has lambda_max {withS / spectrum.MaxEigenvalueOfKS:G3} times lambda_max(K S) (its NTK error, amplified by S, acts outside the flattened directions), so the automatic step is {withS / spectrum.MaxEigenvalueOfKS:G3} times smaller than kernel theory's. A smaller Rank or a wider network realises more (the error shrinks like 1/sqrt(width): about width {width} for most of it)."));
        }

        return info with { NetworkMaxEigenvalue = withS, RealisableSpeedupShare = share };
    }
}
