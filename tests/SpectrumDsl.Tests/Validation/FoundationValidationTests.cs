using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Tests.Validation;

/// <summary>Every rule says which parameter, which value and what is allowed.</summary>
public class FoundationValidationTests
{
    private static readonly Matrix<double> X = Sphere.Sample(10, 3, seed: 1);
    private static readonly IKernel Ntk = NetworkArchitecture.Relu(1, 1.0).Ntk();

    private static void AssertNames<TException>(Func<object?> call, string parameter, params string[] fragments)
        where TException : ArgumentException
    {
        var error = Assert.ThrowsAny<TException>(() => call());
        Assert.Equal(parameter, error.ParamName);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Fact]
    public void NaN_and_infinite_inputs_are_refused_with_their_position()
    {
        var bad = X.Clone();
        bad[3, 1] = double.NaN;
        AssertNames<ArgumentException>(() => Ntk.Gram(bad), "x", "(3, 1)", "NaN");
        bad[3, 1] = double.PositiveInfinity;
        AssertNames<ArgumentException>(() => Ntk.Cross(bad, X), "xNew", "(3, 1)", "Infinity");
    }

    [Fact]
    public void Dimension_mismatch_names_both_dimensions()
    {
        AssertNames<ArgumentException>(() => Ntk.Cross(Sphere.Sample(4, 2, 1), X), "xNew", "2", "3");
        AssertNames<ArgumentException>(() => Ntk.Evaluate(X.Row(0), Vector<double>.Build.Dense(5)), "z", "5", "3");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(11)]
    public void Rank_outside_one_to_n_is_refused(int rank) =>
        AssertNames<ArgumentOutOfRangeException>(() => ModifiedSpectrumKernel.Build(Ntk, X, SpectrumTarget.FlattenTop, rank),
            "rank", rank.ToString(System.Globalization.CultureInfo.InvariantCulture), "10");

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(double.NaN, 4)]
    public void A_non_finite_target_anywhere_is_refused_with_its_index(double bad, int where)
    {
        var target = new SpectrumTarget("broken", (lambda, i, _) => i == where ? bad : lambda);
        AssertNames<ArgumentException>(() => ModifiedSpectrumKernel.Build(Ntk, X, target, 5), "target", "broken", $"i = {where}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    public void A_target_not_positive_is_refused_for_the_preconditioner_only(double bad)
    {
        var target = new SpectrumTarget("lambda - lambda_1", (lambda, i, _) => i == 3 ? bad : lambda);
        var msk = ModifiedSpectrumKernel.Build(Ntk, X, target, 5);   // a kernel may have any finite spectrum
        AssertNames<ArgumentException>(() => msk.Preconditioner, "target", "> 0", "i = 3");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void Bandwidth_must_be_positive(double bandwidth)
    {
        AssertNames<ArgumentOutOfRangeException>(() => new GaussianKernel(bandwidth), "bandwidth", "> 0");
        AssertNames<ArgumentOutOfRangeException>(() => new LaplaceKernel(bandwidth), "bandwidth", "> 0");
    }

    [Fact]
    public void Depth_and_bias_scale_are_checked()
    {
        AssertNames<ArgumentOutOfRangeException>(() => NetworkArchitecture.Relu(0, 1.0), "depth", ">= 1", "0");
        AssertNames<ArgumentOutOfRangeException>(() => NetworkArchitecture.Relu(1, -0.5).Ntk(), "biasScale", ">= 0", "-0.5");
    }

    [Fact]
    public void Asymmetric_matrices_are_refused_by_the_eigensolver()
    {
        var m = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2.0 }, { 0.0, 1.0 } });
        AssertNames<ArgumentException>(() => EigenSolver.Full(m), "symmetric", "symmetric");
        AssertNames<ArgumentOutOfRangeException>(() => EigenSolver.Top(Ntk.Gram(X), 11), "count", "11");
    }

    [Fact]
    public void A_rank_reaching_numerically_zero_eigenvalues_is_refused()
    {
        // Two distinct points only: the Gram of 5 copies has rank 2.
        var copies = Matrix<double>.Build.DenseOfRowVectors(X.Row(0), X.Row(1), X.Row(0), X.Row(1), X.Row(0));
        AssertNames<ArgumentOutOfRangeException>(() => ModifiedSpectrumKernel.Build(Ntk, copies, SpectrumTarget.FlattenTop, 4),
            "rank", "numerically zero", "smaller rank");
    }

    [Fact]
    public void Zonal_harmonic_needs_a_unit_pole_of_the_right_dimension()
    {
        AssertNames<ArgumentException>(() => Sphere.ZonalHarmonic(X, 2, Vector<double>.Build.DenseOfArray([2.0, 0, 0])), "pole", "unit");
        AssertNames<ArgumentException>(() => Sphere.ZonalHarmonic(X, 2, Sphere.NorthPole(2)), "pole", "2", "3");
        AssertNames<ArgumentOutOfRangeException>(() => Sphere.Sample(5, 1, 0), "dimension", ">= 2");
    }
}
