using SpectrumDsl;
using SpectrumDsl.Kernels;
using SpectrumDsl.Spectra;

namespace KernelDesign;

/// <summary>
/// The kernel a target spectrum defines on the sphere, exactly: the base kernel plus
/// sum over the modified degrees of N(d, j) (mu_j - lambda_j) P_j(t). Beyond the rank the
/// spectrum is unchanged, so this finite Gegenbauer sum is the whole difference.
/// </summary>
internal sealed class ExactTargetKernel
{
    private readonly ISphericalKernel baseKernel;
    private readonly int dimension;
    private readonly (int Degree, double Shift)[] shifts;

    public ExactTargetKernel(ISphericalKernel baseKernel, int dimension, SpectrumTarget target, int rank, int sampleCount)
    {
        this.baseKernel = baseKernel;
        this.dimension = dimension;
        var degrees = SphereSpectrum.Of(baseKernel, dimension, 4 * rank).OrderByDescending(e => e.Value).ToArray();
        var covered = new List<SphereEigenvalue>();
        var count = 0;
        foreach (var degree in degrees)
        {
            if (count >= rank)
            {
                break;
            }

            covered.Add(degree);
            count += (int)degree.Multiplicity;
        }

        if (count != rank)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank,
                $"rank {rank} cuts a degenerate degree on S^{dimension - 1}; the exact kernel needs a rank at a degree boundary (for example {count}).");
        }

        var context = new TargetContext(covered[0].Value, covered[^1].Value, rank, sampleCount);
        var index = 1;
        var list = new List<(int, double)>();
        foreach (var degree in covered)
        {
            // A degree's harmonics are degenerate, so which of them gets index i is arbitrary:
            // the rotation-invariant target is the mean of g over the indices the degree holds.
            var mean = Enumerable.Range(index, (int)degree.Multiplicity).Average(i => target.Evaluate(degree.Value, i, context));
            list.Add((degree.Degree, degree.Multiplicity * (mean - degree.Value)));
            index += (int)degree.Multiplicity;
        }

        shifts = list.ToArray();
    }

    /// <summary>K_g(t) for unit vectors with x . z = t.</summary>
    public double OnSphere(double t)
    {
        var value = baseKernel.OnSphere(t, dimension);
        foreach (var (degree, shift) in shifts)
        {
            value += shift * Gegenbauer.Normalized(degree, dimension, t);
        }

        return value;
    }
}
