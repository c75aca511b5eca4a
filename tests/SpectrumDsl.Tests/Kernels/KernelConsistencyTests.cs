using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Spectra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Kernels;

public class KernelConsistencyTests
{
    // The block path (one product + elementwise map) and the pointwise path share the scalar
    // recursion but not the products: they agree to round-off, 1e-12 relative.
    private const double RoundOff = 1e-12;

    [Theory]
    [MemberData(nameof(KernelCases.Names), MemberType = typeof(KernelCases))]
    public void Gram_equals_pointwise_evaluation_and_is_exactly_symmetric(string name)
    {
        var kernel = KernelCases.All[name];
        var x = Numerics.RandomPoints(23, 5, seed: 3);
        var gram = kernel.Gram(x);
        var pointwise = Matrix<double>.Build.Dense(23, 23, (i, j) => kernel.Evaluate(x.Row(i), x.Row(j)));

        Assert.True(Numerics.RelativeError(gram, pointwise) < RoundOff, $"{name}: {Numerics.RelativeError(gram, pointwise)}");
        Assert.Equal(gram, gram.Transpose());
    }

    [Theory]
    [MemberData(nameof(KernelCases.Names), MemberType = typeof(KernelCases))]
    public void Cross_equals_pointwise_evaluation(string name)
    {
        var kernel = KernelCases.All[name];
        var x = Numerics.RandomPoints(17, 4, seed: 5);
        var xNew = Numerics.RandomPoints(9, 4, seed: 6);
        var cross = kernel.Cross(xNew, x);
        var pointwise = Matrix<double>.Build.Dense(9, 17, (i, j) => kernel.Evaluate(xNew.Row(i), x.Row(j)));

        Assert.Equal(9, cross.RowCount);
        Assert.Equal(17, cross.ColumnCount);
        Assert.True(Numerics.RelativeError(cross, pointwise) < RoundOff, $"{name}: {Numerics.RelativeError(cross, pointwise)}");
    }

    [Theory]
    [MemberData(nameof(KernelCases.Names), MemberType = typeof(KernelCases))]
    public void Cross_of_a_set_with_itself_is_its_Gram(string name)
    {
        var kernel = KernelCases.All[name];
        var x = Numerics.RandomPoints(12, 3, seed: 8);
        Assert.True(Numerics.RelativeError(kernel.Cross(x, x), kernel.Gram(x)) < RoundOff);
    }

    [Theory]
    [MemberData(nameof(KernelCases.Names), MemberType = typeof(KernelCases))]
    public void Gram_is_positive_semidefinite_to_round_off(string name)
    {
        var kernel = KernelCases.All[name];
        var gram = kernel.Gram(Numerics.RandomPoints(60, 3, seed: 11));
        var eigen = EigenSolver.Full(gram);
        // Eigenvalues of a PSD matrix computed in double precision may dip below zero by about
        // n * eps * ||K||; 1e-12 relative leaves a margin of ~100 over that.
        Assert.True(eigen.Values[^1] > -1e-12 * eigen.Values[0], $"{name}: smallest {eigen.Values[^1]}, largest {eigen.Values[0]}");
    }

    [Theory]
    [MemberData(nameof(KernelCases.Names), MemberType = typeof(KernelCases))]
    public void OnSphere_profile_matches_evaluation_on_unit_vectors(string name)
    {
        var kernel = (SpectrumDsl.Kernels.ISphericalKernel)KernelCases.All[name];
        var x = Vector<double>.Build.DenseOfArray([0.6, 0.8, 0.0]);
        var z = Vector<double>.Build.DenseOfArray([0.0, 0.6, 0.8]);
        Assert.Equal(kernel.Evaluate(x, z), kernel.OnSphere(x.DotProduct(z), 3), 12);
    }
}
