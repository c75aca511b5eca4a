using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Networks;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Training;

/// <summary>
/// Whether a network of this width can follow kernel theory on the labels (docs/design.md#resolution):
/// with E = empirical NTK at initialisation - analytic NTK on up to <see cref="SampleLimit"/> training points,
/// direction i (eigenpair delta_i, v_i of the analytic Gram) is unresolved when ||E v_i|| &gt; delta_i. The
/// labels' energy in unresolved directions (all outputs together) is compared with Tolerance^2.
/// </summary>
internal static class ResolutionCheck
{
    /// <summary>Above this many points the check uses the first ones (its cost is O(s^3)).</summary>
    public const int SampleLimit = 256;

    // Eigenvalues below this fraction of delta_1 are round-off (as in SpectralModification).
    private const double NullSpace = 1e-12;

    /// <summary>
    /// The resolution estimate for <paramref name="network"/> on at most the first <see cref="SampleLimit"/>
    /// points of <paramref name="x"/> with labels <paramref name="y"/> (n x c).
    /// </summary>
    /// <remarks>
    /// When the check covers the whole training set, the setup's analytic Gram, its full eigendecomposition
    /// and the empirical NTK (whichever were computed) are reused instead of being computed again.
    /// </remarks>
    public static NtkResolution Run(FullyConnectedNetwork network, NetworkArchitecture architecture, Matrix<double> x, Matrix<double> y, double tolerance,
        Matrix<double>? analyticGram = null, EigenDecomposition? analyticEigen = null, Matrix<double>? empiricalGram = null)
    {
        var width = network.Width;
        var s = Math.Min(x.RowCount, SampleLimit);
        var whole = s == x.RowCount;
        var xs = whole ? x : x.SubMatrix(0, s, 0, x.ColumnCount);
        var ys = whole ? y : y.SubMatrix(0, s, 0, y.ColumnCount);
        var analytic = whole && analyticGram is not null ? analyticGram : architecture.Ntk().Gram(xs);
        var error = (whole && empiricalGram is not null ? empiricalGram : network.EmpiricalNtk(xs)) - analytic;
        var eigen = whole && analyticEigen is not null && analyticEigen.Count == s ? analyticEigen : EigenSolver.Full(analytic);
        var errorEigen = EigenSolver.Full(error);
        var spectral = Math.Max(Math.Abs(errorEigen.ValuesView[0]), Math.Abs(errorEigen.ValuesView[s - 1]));
        var delta1 = eigen.ValuesView[0];
        var acting = error * eigen.VectorsView;   // column i = E v_i
        var coordinates = eigen.VectorsView.TransposeThisAndMultiply(ys);
        var energies = new double[s];
        for (var i = 0; i < s; i++)
        {
            energies[i] = coordinates.Row(i).DotProduct(coordinates.Row(i));
        }

        var total = Math.Max(energies.Sum(), double.Epsilon);

        var ratios = new double[s];
        var unresolvedEnergy = 0.0;
        var unresolvedCount = 0;
        for (var i = 0; i < s; i++)
        {
            // A numerically zero eigenvalue (duplicate points) is no width's fault: no kernel learns it.
            if (!(eigen.ValuesView[i] > NullSpace * delta1))
            {
                continue;
            }

            ratios[i] = acting.Column(i).L2Norm() / eigen.ValuesView[i];
            if (ratios[i] > 1.0)
            {
                unresolvedCount++;
                unresolvedEnergy += energies[i] / total;
            }
        }

        var allowed = tolerance * tolerance;
        var resolved = unresolvedEnergy <= allowed;
        int? required = resolved ? null : RequiredWidth(width, ratios, energies, total, allowed);
        return new NtkResolution(width, s, spectral / delta1, FastLinearAlgebra.FrobeniusNorm(error) / FastLinearAlgebra.FrobeniusNorm(analytic),
            unresolvedEnergy, unresolvedCount, required, resolved);
    }

    /// <summary>The warning for an unresolved target, naming the width that should resolve it.</summary>
    public static string Warning(NtkResolution resolution, double tolerance) => string.Create(CultureInfo.InvariantCulture,
        $"Width {resolution.Width} does not resolve the target: {resolution.UnresolvedEnergy * 100:G2} % of its energy (more than Tolerance^2 = {tolerance * tolerance * 100:G2} %, so it blocks convergence) lies in {resolution.UnresolvedDirections} eigendirections whose eigenvalue is below the finite-width NTK error acting on them (NTK fluctuation {resolution.Fluctuation:P2} of delta_1). Expect slow or no convergence there; width {resolution.RequiredWidth} should resolve them (the error shrinks like 1/sqrt(width)).");

    // A wider network resolves a direction once its ratio (~ 1/sqrt(m)) falls to 1, and the worst ratios
    // fall last. So the directions that may stay unresolved are the worst ones whose energy fits within
    // Tolerance^2 together; the first direction beyond that must be resolved and sets the width.
    private static int RequiredWidth(int width, double[] ratios, double[] energies, double total, double allowed)
    {
        var order = Enumerable.Range(0, ratios.Length).Where(i => ratios[i] > 1.0).OrderByDescending(i => ratios[i]);
        var leftOver = 0.0;
        var needed = 1.0;
        foreach (var i in order)
        {
            leftOver += energies[i] / total;
            if (leftOver > allowed)
            {
                needed = ratios[i];
                break;
            }
        }

        var target = width * needed * needed;
        var power = 1L;
        while (power < target && power < int.MaxValue / 2)
        {
            power *= 2;
        }

        return (int)power;
    }
}
