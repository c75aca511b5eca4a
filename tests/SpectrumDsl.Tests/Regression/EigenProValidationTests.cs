using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Regression;

namespace SpectrumDsl.Tests.Regression;

public class EigenProValidationTests
{
    private static readonly IKernel Ntk = NetworkArchitecture.Relu(1, 1.0).Ntk();
    private static readonly Matrix<double> X = Sphere.Sample(60, 3, seed: 1);
    private static readonly Matrix<double> Y = Matrix<double>.Build.Dense(60, 2, (i, a) => X[i, a]);
    private static readonly EigenProOptions Small = new() { Rank = 5, Subsample = 30, Epochs = 1 };

    private static void Refused<TException>(string parameter, string valueText, Func<EigenProRegressor> fit) where TException : ArgumentException
    {
        var error = Assert.Throws<TException>(() => fit());
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(valueText, error.Message);
    }

    [Fact]
    public void Data_problems_are_refused_naming_the_argument()
    {
        Assert.Equal("kernel", Assert.Throws<ArgumentNullException>(() => EigenProRegression.Fit(null!, X, Y, Small)).ParamName);
        Refused<ArgumentException>("x", "0 x 0", () => EigenProRegression.Fit(Ntk, Matrix<double>.Build.Dense(0, 0), Y, Small));
        Refused<ArgumentException>("y", "59 rows", () => EigenProRegression.Fit(Ntk, X, Y.SubMatrix(0, 59, 0, 2), Small));
        var bad = Y.Clone();
        bad[3, 1] = double.NaN;
        Refused<ArgumentException>("y", "(3, 1)", () => EigenProRegression.Fit(Ntk, X, bad, Small));
        Refused<ArgumentException>("testY", "testY is null", () => EigenProRegression.Fit(Ntk, X, Y, Small, X, null));
        Refused<ArgumentException>("testX", "4 columns", () => EigenProRegression.Fit(Ntk, X, Y, Small, Sphere.Sample(5, 4, seed: 2), Y.SubMatrix(0, 5, 0, 2)));
        Refused<ArgumentException>("testY", "1 columns", () => EigenProRegression.Fit(Ntk, X, Y, Small, X, Y.SubMatrix(0, 60, 0, 1)));
    }

    [Fact]
    public void Settings_are_refused_naming_the_setting_its_value_and_the_rule()
    {
        Refused<ArgumentOutOfRangeException>("options.Subsample", "61", () => EigenProRegression.Fit(Ntk, X, Y, Small with { Subsample = 61 }));
        Refused<ArgumentOutOfRangeException>("options.Rank", "30", () => EigenProRegression.Fit(Ntk, X, Y, Small with { Rank = 30 }));
        Refused<ArgumentOutOfRangeException>("options.Rank", "0", () => EigenProRegression.Fit(Ntk, X, Y, Small with { Rank = 0 }));
        // Default subsample min(n, 2000) = 60 < default rank 100 + 1.
        Refused<ArgumentOutOfRangeException>("options.Rank", "s = 60", () => EigenProRegression.Fit(Ntk, X, Y));
        Refused<ArgumentOutOfRangeException>("options.Epochs", "0", () => EigenProRegression.Fit(Ntk, X, Y, Small with { Epochs = 0 }));
        Refused<ArgumentOutOfRangeException>("options.BatchSize", "61", () => EigenProRegression.Fit(Ntk, X, Y, Small with { BatchSize = 61 }));
        Refused<ArgumentOutOfRangeException>("options.BatchSize", "-1", () => EigenProRegression.Fit(Ntk, X, Y, Small with { BatchSize = -1 }));
        Refused<ArgumentOutOfRangeException>("options.Tolerance", "1", () => EigenProRegression.Fit(Ntk, X, Y, Small with { Tolerance = 1 }));
        Refused<ArgumentOutOfRangeException>("options.Tolerance", "NaN", () => EigenProRegression.Fit(Ntk, X, Y, Small with { Tolerance = double.NaN }));
        Refused<ArgumentOutOfRangeException>("options.TrainEvaluationSize", "-5", () => EigenProRegression.Fit(Ntk, X, Y, Small with { TrainEvaluationSize = -5 }));
        Assert.Equal("options.Target", Assert.Throws<ArgumentNullException>(() => EigenProRegression.Fit(Ntk, X, Y, Small with { Target = null! })).ParamName);
        // The preconditioner must be positive definite: a target of 0 is refused with the index and eigenvalue.
        Refused<ArgumentException>("options.Target", "must be > 0", () => EigenProRegression.Fit(Ntk, X, Y, Small with { Target = SpectrumTarget.Parse("0 * lambda") }));
    }

    [Fact]
    public void Prediction_checks_the_new_points()
    {
        var model = EigenProRegression.Fit(Ntk, X, Y, Small);
        Assert.Equal("xNew", Assert.Throws<ArgumentException>(() => model.PredictOutputs(Sphere.Sample(4, 5, seed: 3))).ParamName);
        Assert.Equal("xNew", Assert.Throws<ArgumentNullException>(() => model.PredictOutputs(null!)).ParamName);
        var single = Assert.Throws<InvalidOperationException>(() => model.Predict(X));
        Assert.Contains(nameof(EigenProRegressor.PredictOutputs), single.Message);
        Assert.Equal(60, model.CoefficientMatrix.RowCount);
    }
}
