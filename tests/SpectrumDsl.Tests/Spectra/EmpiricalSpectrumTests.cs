using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Tests.Spectra;

public class EmpiricalSpectrumTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Gram_over_n_eigenvalues_approach_Funk_Hecke_with_the_right_multiplicities(int dimension)
    {
        const int n = 2000;
        var kernel = NetworkArchitecture.Relu(1, 1.0).Ntk();
        var gram = kernel.Gram(Sphere.Sample(n, dimension, seed: 42));
        var empirical = EigenSolver.Top(gram, 40).OperatorValues;
        var exact = SphereSpectrum.Of(kernel, dimension, 12).OrderByDescending(e => e.Value).ToArray();

        // Walk the degrees in order of decreasing eigenvalue; each occupies Multiplicity
        // consecutive empirical eigenvalues. Concentration of Gram/n eigenvalues gives relative
        // errors of order sqrt(N(d,k) / n) (about 3% at n = 2000, N = 2), so each cluster's mean
        // must be within 6 %, and every member within 15 %.
        var position = 0;
        foreach (var degree in exact)
        {
            if (position + degree.Multiplicity > empirical.Count || degree.Value < 1e-3 * exact[0].Value)
            {
                break;
            }

            var cluster = empirical.Skip(position).Take((int)degree.Multiplicity).ToArray();
            Assert.True(Math.Abs(cluster.Average() / degree.Value - 1) < 0.06,
                $"degree {degree.Degree}: mean {cluster.Average()} vs {degree.Value}");
            Assert.All(cluster, value => Assert.True(Math.Abs(value / degree.Value - 1) < 0.15, $"degree {degree.Degree}: {value} vs {degree.Value}"));
            position += (int)degree.Multiplicity;
        }

        Assert.True(position >= 9, $"only {position} eigenvalues were compared");
    }
}
