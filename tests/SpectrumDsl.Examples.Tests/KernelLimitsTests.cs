using FashionMnist;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Regression;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// FashionMnist's two kernel limits from one fit of [Y, Y - F_0(X)]: from the initial output f_0 + K K^-1 (Y - f_0)
/// and from zero K K^-1 Y, checked against their closed forms.
/// </summary>
public class KernelLimitsTests
{
    // 40 points on S^4 with the bias-1 ReLU NTK: a well-conditioned Gram (smallest eigenvalue far above round-off),
    // so a Cholesky solve reproduces interpolation and linear combinations to about 1e-12 of the labels' size;
    // 1e-8 leaves room for the conditioning while any mixed-up column or sign is off by order 1.
    private const double Tolerance = 1e-8;

    private static readonly IKernel Kernel = NetworkArchitecture.Relu(1, 1.0).Ntk();

    private static Matrix<double> Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() - 0.5);
    }

    [Fact]
    public void Both_limits_interpolate_the_labels_and_differ_by_the_initial_output_the_kernel_cannot_explain()
    {
        var x = Sphere.Sample(40, 5, seed: 1);
        var test = Sphere.Sample(15, 5, seed: 2);
        var y = Random(40, 3, 3);
        var initialTrain = Random(40, 3, 4);
        var initialTest = Random(15, 3, 5);
        var fit = KernelRegression.Fit(Kernel, x, KernelLimits.Labels(y, initialTrain));

        // At the training points both predictors are the labels.
        var (startAtTrain, zeroAtTrain) = KernelLimits.Split(fit.PredictOutputs(x), initialTrain);
        Assert.True((startAtTrain - y).FrobeniusNorm() <= Tolerance * y.FrobeniusNorm(), "the limit from the initial output does not interpolate Y");
        Assert.True((zeroAtTrain - y).FrobeniusNorm() <= Tolerance * y.FrobeniusNorm(), "the limit from zero does not interpolate Y");

        // Elsewhere: from zero is K(x, X) K^-1 Y, and the two differ by f_0(x) - K(x, X) K^-1 f_0(X).
        var (fromStart, fromZero) = KernelLimits.Split(fit.PredictOutputs(test), initialTest);
        var expectedZero = KernelRegression.Fit(Kernel, x, y).PredictOutputs(test);
        var expectedGap = initialTest - KernelRegression.Fit(Kernel, x, initialTrain).PredictOutputs(test);
        Assert.True((fromZero - expectedZero).FrobeniusNorm() <= Tolerance * expectedZero.FrobeniusNorm());
        Assert.True((fromStart - fromZero - expectedGap).FrobeniusNorm() <= Tolerance * expectedGap.FrobeniusNorm());
    }

    [Fact]
    public void With_a_zero_initial_output_the_two_limits_are_one()
    {
        var x = Sphere.Sample(30, 4, seed: 6);
        var test = Sphere.Sample(10, 4, seed: 7);
        var y = Random(30, 2, 8);
        var fit = KernelRegression.Fit(Kernel, x, KernelLimits.Labels(y, Matrix<double>.Build.Dense(30, 2)));
        var (fromStart, fromZero) = KernelLimits.Split(fit.PredictOutputs(test), Matrix<double>.Build.Dense(10, 2));
        Assert.True((fromStart - fromZero).FrobeniusNorm() <= Tolerance * fromZero.FrobeniusNorm());
    }

    [Fact]
    public void Shapes_that_do_not_match_are_refused_naming_the_argument()
    {
        var labels = Assert.Throws<ArgumentException>(() => KernelLimits.Labels(Random(5, 2, 1), Random(5, 3, 2)));
        Assert.Equal("initialTrain", labels.ParamName);
        Assert.Contains("5 x 3", labels.Message, StringComparison.Ordinal);
        var split = Assert.Throws<ArgumentException>(() => KernelLimits.Split(Random(4, 3, 1), Random(4, 2, 2)));
        Assert.Equal("predicted", split.ParamName);
        Assert.Contains("4 x 4", split.Message, StringComparison.Ordinal);
    }
}
