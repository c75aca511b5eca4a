using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Spectra;

namespace SphereSpectra;

/// <summary>One row of the table: a degree's exact eigenvalue and its estimate from random points.</summary>
internal sealed record DegreeRow(int Degree, long Multiplicity, double Exact, double? Estimate);

/// <summary>Exact Funk-Hecke eigenvalues per degree next to Gram/n estimates from a random sample.</summary>
internal static class SpectrumTable
{
    public static IReadOnlyList<DegreeRow> Build(ISphericalKernel kernel, int dimension, int maxDegree, int samples, int seed)
    {
        var exact = SphereSpectrum.Of(kernel, dimension, maxDegree);
        var empirical = EigenSolver.Full(kernel.Gram(Sphere.Sample(samples, dimension, seed))).OperatorValues;

        // Degrees occupy consecutive empirical eigenvalues in order of decreasing exact value,
        // Multiplicity of them each; numerically zero degrees have no meaningful position.
        var estimates = new Dictionary<int, double>();
        var position = 0;
        foreach (var degree in exact.OrderByDescending(e => e.Value))
        {
            if (degree.Value < 1e-9 * exact[0].Value || position + degree.Multiplicity > samples / 4)
            {
                break;
            }

            estimates[degree.Degree] = empirical.Skip(position).Take((int)degree.Multiplicity).Average();
            position += (int)degree.Multiplicity;
        }

        return exact.Select(e => new DegreeRow(e.Degree, e.Multiplicity, e.Value,
            estimates.TryGetValue(e.Degree, out var estimate) ? estimate : null)).ToArray();
    }
}
