using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Regression;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Regression;

public class KernelRegressionTests
{
    private static readonly Matrix<double> X = Sphere.Sample(50, 2, seed: 3);
    private static readonly Vector<double> Y = Sphere.ZonalHarmonic(X, 3, Sphere.NorthPole(2));

    [Fact]
    public void Interpolation_reproduces_the_training_labels()
    {
        var model = KernelRegression.Fit(NetworkArchitecture.Relu(1, 1.0).Ntk(), X, Y);
        Assert.True(Numerics.RelativeError(model.Predict(X), Y) < 1e-8);
    }

    [Fact]
    public void Ridge_shrinks_the_coefficients()
    {
        var kernel = new LaplaceKernel(0.5);   // well conditioned; a Gaussian Gram on 50 circle points is singular
        var plain = KernelRegression.Fit(kernel, X, Y);
        var ridge = KernelRegression.Fit(kernel, X, Y, ridge: 1.0);
        Assert.True(ridge.Coefficients.L2Norm() < plain.Coefficients.L2Norm());
        Assert.True(Numerics.RelativeError(ridge.Predict(X), Y) > 1e-3);
    }

    [Fact]
    public void MSK_interpolant_with_positive_target_fits_the_training_set()
    {
        var msk = ModifiedSpectrumKernel.Build(NetworkArchitecture.Relu(1, 1.0).Ntk(), X, SpectrumTarget.FlattenTop, 7);
        var model = KernelRegression.Fit(msk, X, Y);
        Assert.True(Numerics.RelativeError(model.Predict(X), Y) < 1e-7);
    }

    [Fact]
    public void Duplicate_points_give_a_singular_Gram_error_with_advice()
    {
        var duplicated = Matrix<double>.Build.DenseOfRowVectors(X.Row(0), X.Row(1), X.Row(0));
        var error = Assert.Throws<SingularGramException>(() =>
            KernelRegression.Fit(NetworkArchitecture.Relu(1, 1.0).Ntk(), duplicated, Vector<double>.Build.DenseOfArray([1.0, 2.0, 3.0])));
        Assert.Contains("duplicate", error.Message);
        Assert.Contains("ridge", error.Message);
    }
}

public class KernelGradientDescentTests
{
    private static readonly Matrix<double> X = Sphere.Sample(40, 2, seed: 9);
    private static readonly Vector<double> R0 = Sphere.ZonalHarmonic(X, 4, Sphere.NorthPole(2));
    private static readonly Matrix<double> Gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(X);

    [Fact]
    public void Closed_form_trajectory_equals_iterating_the_step_for_GD()
    {
        var gd = KernelGradientDescent.Create(Gram);
        var r = R0;
        for (var t = 1; t <= 60; t++)
        {
            r = gd.Step(r);
        }

        // 60 steps of round-off (each ~1e-16 relative) against one closed-form evaluation.
        Assert.True(Numerics.RelativeError(gd.Residual(R0, 60), r) < 1e-10);
    }

    [Fact]
    public void Closed_form_trajectory_equals_iterating_the_step_for_PGD()
    {
        var s = new Preconditioner(SpectralModification.Compute(Gram, SpectrumTarget.FlattenTop, 9));
        var pgd = KernelGradientDescent.Create(Gram, s);
        Assert.Equal(1.0, pgd.StepSize / s.DefaultStepSize, 12);   // relative: eta is about 4
        var r = R0;
        for (var t = 1; t <= 60; t++)
        {
            r = pgd.Step(r);
        }

        Assert.True(Numerics.RelativeError(pgd.Residual(R0, 60), r) < 1e-10);
    }

    [Fact]
    public void Steps_to_tolerance_is_the_first_step_below_it()
    {
        var gd = KernelGradientDescent.Create(Gram);
        var steps = gd.StepsToTolerance(R0, 0.05, 1_000_000);
        Assert.NotNull(steps);
        var norms = gd.ResidualNorms(R0, steps!.Value);
        Assert.True(norms[^1] <= 0.05 * norms[0]);
        Assert.True(norms[^2] > 0.05 * norms[0]);
        Assert.Null(gd.StepsToTolerance(R0, 0.05, steps.Value - 1));
    }

    [Fact]
    public void Flattening_speeds_up_a_high_frequency_by_about_delta_1_over_delta_k()
    {
        var s = new Preconditioner(SpectralModification.Compute(Gram, SpectrumTarget.FlattenTop, 9));
        var gd = KernelGradientDescent.Create(Gram).StepsToTolerance(R0, 0.05, 10_000_000)!.Value;
        var pgd = KernelGradientDescent.Create(Gram, s).StepsToTolerance(R0, 0.05, 10_000_000)!.Value;
        Assert.True(gd > 20 * pgd, $"GD {gd} steps, PGD {pgd} steps");
    }

    [Fact]
    public void A_step_above_the_stability_bound_is_refused()
    {
        var largest = SpectrumDsl.Spectra.EigenSolver.Full(Gram).Values[0];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelGradientDescent.Create(Gram, stepSize: 2.5 / largest));
        Assert.Equal("stepSize", error.ParamName);
        Assert.Contains("stability bound", error.Message);
    }
}

public class KernelGradientDescentAtScaleTests
{
    [Fact]
    public void A_preconditioner_from_iterative_eigenpairs_gives_kernel_GD_dynamics()
    {
        // n >= 600 takes block Lanczos, whose eigenvectors are accurate to ~1e-6, not round-off:
        // the dynamics must still be symmetric and match iterating the step.
        var x = SpectrumDsl.Data.Sphere.Sample(700, 2, seed: 21);
        var gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(x);
        var s = new Preconditioner(SpectralModification.Compute(gram, SpectrumTarget.FlattenTop, 9));
        var pgd = KernelGradientDescent.Create(gram, s);
        var r0 = Sphere.ZonalHarmonic(x, 3, Sphere.NorthPole(2));
        var r = r0;
        for (var t = 0; t < 5; t++)
        {
            r = pgd.Step(r);
        }

        Assert.True(Numerics.RelativeError(pgd.Residual(r0, 5), r) < 1e-5);
        Assert.True(pgd.StepsToTolerance(r0, 0.05, 1000) <= 3);
    }

    [Fact]
    public void A_preconditioner_from_another_Gram_is_refused()
    {
        var gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(Sphere.Sample(50, 2, seed: 1));
        var other = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(Sphere.Sample(50, 2, seed: 2));
        var s = new Preconditioner(SpectralModification.Compute(other, SpectrumTarget.FlattenTop, 5));
        var error = Assert.Throws<ArgumentException>(() => KernelGradientDescent.Create(gram, s));
        Assert.Equal("preconditioner", error.ParamName);
        Assert.Contains("different Gram", error.Message);
    }
}
