using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Training;
using static SpectrumDsl.Tests.Persistence.ModelProblems;

namespace SpectrumDsl.Tests.Persistence;

public class RmseTests
{
    private static double Rmse(Matrix<double> residual) => Math.Sqrt(residual.Enumerate().Sum(v => v * v) / (residual.RowCount * residual.ColumnCount));

    // The recorder and these sums add in other orders: relative differences of a few ulps per term, far below 1e-12.
    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * expected, $"{actual:R} vs {expected:R}");

    [Fact]
    public void Record_rmse_is_the_root_mean_square_residual_over_points_and_outputs()
    {
        var two = Matrix<double>.Build.DenseOfColumnVectors(RawY, RawY.Map(v => 0.5 * v - 300.0));
        var scaler = TargetScaler.Fit(two);
        var pre = Preprocessor.Fit(RawX, Options);
        var result = new Trainer(Config).Run(pre.Apply(RawX), scaler.Apply(two), pre.Apply(RawTestX),
            scaler.Apply(Matrix<double>.Build.DenseOfColumnVectors(RawTestY, RawTestY.Map(v => 0.5 * v - 300.0))));

        Close(Rmse(result.InitialResidualMatrix), result.Records[0].TrainRmse);
        var last = result.Records[^1];
        Assert.Equal(result.StepsTaken, last.Step);
        Close(Rmse(result.FinalResidualMatrix), last.TrainRmse);
        Close(Rmse(result.FinalResidualMatrix.SubMatrix(0, RawX.RowCount, 1, 1)), last.OutputTrainRmse[1]);
        var testResidual = result.PredictOutputs(pre.Apply(RawTestX)) - scaler.Apply(Matrix<double>.Build.DenseOfColumnVectors(RawTestY, RawTestY.Map(v => 0.5 * v - 300.0)));
        Close(Rmse(testResidual), last.TestRmse!.Value);
        Assert.Null(new Trainer(Config with { Steps = 2 }).Run(pre.Apply(RawX), scaler.Apply(two)).Records[^1].TestRmse);

        // In the user's units: the residual of the inverse-scaled outputs against the raw targets.
        var model = result.ToModel(pre, scaler);
        var userResidual = scaler.Inverse(result.PredictOutputs(pre.Apply(RawX))) - two;
        Close(Rmse(userResidual), model.TrainRmse(last));
        Close(Rmse(userResidual), scaler.TrainRmse(last));
        Close(Rmse(scaler.Inverse(result.PredictOutputs(pre.Apply(RawTestX))) - Matrix<double>.Build.DenseOfColumnVectors(RawTestY, RawTestY.Map(v => 0.5 * v - 300.0))),
            model.Rmse(RawTestX, Matrix<double>.Build.DenseOfColumnVectors(RawTestY, RawTestY.Map(v => 0.5 * v - 300.0))));
        // The two outputs have scales s and s/2, so one test loss for both has no value in user units.
        var error = Assert.Throws<InvalidOperationException>(() => model.TestRmse(last));
        Assert.Contains("TrainedModel.Rmse(testX, testY)", error.Message);
    }

    [Fact]
    public void Single_output_test_rmse_in_user_units_is_the_scale_times_the_scaled_rmse()
    {
        var (result, pre, scaler) = TrainRegression();
        var model = result.ToModel(pre, scaler);
        var last = result.Records[^1];
        Close(model.Rmse(RawTestX, RawTestY), model.TestRmse(last)!.Value);
        Close(scaler.StandardDeviation[0] * last.TestRmse!.Value, model.TestRmse(last)!.Value);
        // A scaled RMSE near 1 is an error of about one standard deviation (about 120 in these units): not the same number.
        Assert.True(model.TestRmse(last) > 10 * last.TestRmse);
        // Without a scaler the model's units are the network's.
        Assert.Equal(last.TrainRmse, result.ToModel(pre).TrainRmse(last));
    }

    [Fact]
    public void Rmse_on_data_is_for_regression_models_and_checks_the_shapes()
    {
        var (regression, preprocessor, scaler) = TrainRegression(Config with { Steps = 3 });
        var shapes = Assert.Throws<ArgumentException>(() => regression.ToModel(preprocessor, scaler).Rmse(RawTestX, RawY));
        Assert.Equal("y", shapes.ParamName);
        Assert.Contains("48 rows but x has 20", shapes.Message);

        var (classifier, pre) = TrainClassifier(Config with { Steps = 3 });
        var error = Assert.Throws<InvalidOperationException>(() => classifier.ToModel(pre).Rmse(RawTestX, RawTestY));
        Assert.Contains("PredictClasses", error.Message);
    }
}
