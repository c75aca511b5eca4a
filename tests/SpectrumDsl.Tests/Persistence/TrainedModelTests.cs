using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Tests.Reliability;
using SpectrumDsl.Tests.Support;
using SpectrumDsl.Training;
using static SpectrumDsl.Tests.Persistence.ModelProblems;

namespace SpectrumDsl.Tests.Persistence;

public class TrainedModelTests
{
    [Fact]
    public void A_regression_model_saved_here_predicts_bit_identically_in_another_process()
    {
        using var directory = new TempDirectory();
        var (result, preprocessor, scaler) = TrainRegression();
        var path = directory.File("regression.model");
        result.Save(path, preprocessor, scaler);
        MatrixFile.Write(directory.File("x.bin"), RawTestX);

        ChildProcess.Run("predict-model", path, directory.File("x.bin"), directory.File("out.bin"));

        // What the trained result gives on raw points: preprocess, the network, undo the target scaling.
        var expected = scaler.Inverse(result.PredictOutputs(preprocessor.Apply(RawTestX)));
        MatrixFile.AssertBitIdentical([expected], MatrixFile.ReadAll(directory.File("out.bin")));
        // In the user's units (targets around 1000 with spread 200), not the scaled ones around 0.
        Assert.InRange(expected.Column(0).Average(), 800.0, 1200.0);
    }

    [Fact]
    public void A_classifier_saved_here_predicts_the_same_classes_and_scores_in_another_process()
    {
        using var directory = new TempDirectory();
        var (result, preprocessor) = TrainClassifier();
        var path = directory.File("classes.model");
        result.Save(path, preprocessor, classNames: ["left", "lower right", "upper right"]);
        MatrixFile.Write(directory.File("x.bin"), RawTestX);

        ChildProcess.Run("predict-model", path, directory.File("x.bin"), directory.File("out.bin"));

        var outputs = result.PredictOutputs(preprocessor.Apply(RawTestX));
        var classes = ClassLabels.Argmax(outputs);
        var scores = outputs.Map(value => value + 1.0 / 3.0);
        MatrixFile.AssertBitIdentical([outputs, MatrixFile.Column(classes), scores], MatrixFile.ReadAll(directory.File("out.bin")));
        // The model learned something: better than the best constant guess on the test points.
        var majority = TestClasses.GroupBy(c => c).Max(g => g.Count()) / (double)TestClasses.Length;
        Assert.True(ClassificationMetrics.Accuracy(TestClasses, classes) > majority, $"accuracy {ClassificationMetrics.Accuracy(TestClasses, classes)} vs majority {majority}");
    }

    [Fact]
    public void A_milestone_becomes_a_model_that_saves_and_predicts_as_the_network_at_that_step()
    {
        using var directory = new TempDirectory();
        var scaler = TargetScaler.Fit(ReliabilityProblem.Y);
        var result = new Trainer(ReliabilityProblem.Pgd with { Tolerance = 1e-3 }).Run(ReliabilityProblem.X, scaler.Apply(ReliabilityProblem.Y));
        Assert.True(result.Milestones.Count > 0, $"{result.StopReason} after {result.StepsTaken} steps, residual {result.Records[^1].RelativeResidual}");
        var milestone = result.Milestones[0];
        Assert.True(milestone.Step < result.StepsTaken, $"milestone at {milestone.Step}, run ended at {result.StepsTaken}");
        var path = directory.File("at-0.1.model");
        result.ModelAt(milestone, targetScaler: scaler).Save(path);

        var testX = ReliabilityProblem.TestX;
        var expected = scaler.Inverse(result.NetworkAt(milestone).PredictOutputs(testX));
        var loaded = TrainedModel.Load(path).PredictOutputs(testX);
        Assert.Equal(expected.ToColumnMajorArray().Select(ReliabilityProblem.Bits), loaded.ToColumnMajorArray().Select(ReliabilityProblem.Bits));
        // It is the earlier network, not the final one.
        Assert.NotEqual(scaler.Inverse(result.PredictOutputs(testX)).ToColumnMajorArray(), loaded.ToColumnMajorArray());
        // A milestone of another network does not fit this one.
        var other = milestone with { Parameters = [.. milestone.Parameters, 0.0] };
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => result.ModelAt(other)).ParamName);
    }

    [Fact]
    public void A_loaded_model_keeps_the_architecture_parameters_preprocessor_scaler_and_classes()
    {
        using var directory = new TempDirectory();
        // Erf, depth 2, bias 0.5: every part of the architecture differs from the defaults.
        var config = Config with { Architecture = NetworkArchitecture.Erf(2, 0.5), Width = 48, Steps = 8 };
        var (result, preprocessor, scaler) = TrainRegression(config);
        var path = directory.File("erf.model");
        result.Save(path, preprocessor, scaler);

        var loaded = TrainedModel.Load(path);
        var network = loaded.Network;
        Assert.Equal(NetworkArchitecture.Erf(2, 0.5), network.Architecture);
        Assert.Equal((48, 3, 1), (network.Width, network.InputDimension, network.OutputCount));
        Assert.Equal(result.Network.CopyParameters().Select(ReliabilityProblem.Bits), network.CopyParameters().Select(ReliabilityProblem.Bits));
        Assert.False(loaded.IsClassifier);
        Assert.Null(loaded.ClassNames);
        Assert.Equal(4, loaded.InputDimension);

        var pre = loaded.Preprocessor!;
        Assert.Equal(preprocessor.Options, pre.Options);
        Assert.Equal(preprocessor.Mean, pre.Mean);
        Assert.Equal(preprocessor.StandardDeviation, pre.StandardDeviation);
        Assert.Equal(preprocessor.ComponentVariances, pre.ComponentVariances);
        Assert.Equal(preprocessor.Directions!.ToColumnMajorArray(), pre.Directions!.ToColumnMajorArray());
        Assert.Equal(preprocessor.Apply(RawTestX).ToColumnMajorArray().Select(ReliabilityProblem.Bits), pre.Apply(RawTestX).ToColumnMajorArray().Select(ReliabilityProblem.Bits));
        Assert.Equal(scaler.Mean, loaded.TargetScaler!.Mean);
        Assert.Equal(scaler.StandardDeviation, loaded.TargetScaler.StandardDeviation);
        Assert.Equal(result.ToModel(preprocessor, scaler).Predict(RawTestX).Select(ReliabilityProblem.Bits), loaded.Predict(RawTestX).Select(ReliabilityProblem.Bits));

        var (classifier, classPreprocessor) = TrainClassifier(config);
        classifier.Save(path, classPreprocessor, classNames: ["a", "b", "c"]);
        var loadedClassifier = TrainedModel.Load(path);
        Assert.True(loadedClassifier.IsClassifier);
        Assert.Equal(["a", "b", "c"], loadedClassifier.ClassNames!);
        Assert.Null(loadedClassifier.TargetScaler);
        Assert.Equal(classifier.PredictClasses(classPreprocessor.Apply(RawTestX)), loadedClassifier.PredictClasses(RawTestX));
    }

    [Fact]
    public void A_model_without_preprocessor_or_scaler_takes_the_points_as_trained_on()
    {
        using var directory = new TempDirectory();
        var result = new Trainer(ReliabilityProblem.Pgd with { Steps = 20 }).Run(ReliabilityProblem.X, ReliabilityProblem.Y);
        var path = directory.File("plain.model");
        result.Save(path);
        var loaded = TrainedModel.Load(path);
        Assert.Null(loaded.Preprocessor);
        Assert.Null(loaded.TargetScaler);
        Assert.Equal(result.Predict(ReliabilityProblem.TestX).Select(ReliabilityProblem.Bits), loaded.Predict(ReliabilityProblem.TestX).Select(ReliabilityProblem.Bits));
    }

    [Fact]
    public void A_model_is_a_copy_that_later_changes_to_the_result_do_not_reach()
    {
        var (result, preprocessor, scaler) = TrainRegression(Config with { Steps = 5 });
        var model = result.ToModel(preprocessor, scaler);
        var before = model.PredictOutputs(RawTestX);
        result.Network.RestoreParameters(new double[result.Network.ParameterCount]);
        Assert.Equal(before, model.PredictOutputs(RawTestX));
        var copy = model.Network;
        copy.RestoreParameters(new double[copy.ParameterCount]);
        Assert.Equal(before, model.PredictOutputs(RawTestX));
    }

    [Fact]
    public void Pieces_that_do_not_fit_the_network_or_the_task_are_refused_naming_them()
    {
        var (regression, preprocessor, scaler) = TrainRegression(Config with { Steps = 3 });
        var (classifier, _) = TrainClassifier(Config with { Steps = 3 });

        var pre = Assert.Throws<ArgumentException>(() => regression.ToModel(Preprocessor.Fit(RawX, new PreprocessOptions { Components = 1 })));
        Assert.Equal("preprocessor", pre.ParamName);
        Assert.Contains("dimension 1", pre.Message);
        Assert.Contains("takes 3", pre.Message);
        Assert.Equal("preprocessor", Assert.Throws<ArgumentException>(() => regression.ToModel(Preprocessor.Fit(RawX))).ParamName);

        Assert.Equal("targetScaler", Assert.Throws<ArgumentException>(() => classifier.ToModel(preprocessor, scaler)).ParamName);
        var twoColumns = TargetScaler.Fit(Matrix<double>.Build.DenseOfColumnVectors(RawY, RawY));
        Assert.Contains("2 target column(s)", Assert.Throws<ArgumentException>(() => regression.ToModel(preprocessor, twoColumns)).Message);
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => regression.ToModel(preprocessor, scaler, ["a"])).ParamName);
        Assert.Contains("each of the 3 classes", Assert.Throws<ArgumentException>(() => classifier.ToModel(preprocessor, classNames: ["a", "b"])).Message);

        using var directory = new TempDirectory();
        var missing = Path.Combine(directory.Path, "no-such-folder", "m.model");
        var path = Assert.Throws<ArgumentException>(() => regression.Save(missing, preprocessor, scaler));
        Assert.Equal("path", path.ParamName);
        Assert.Contains(missing, path.Message);
    }

    [Fact]
    public void Raw_points_of_the_wrong_dimension_are_refused_naming_the_preprocessor()
    {
        var (result, preprocessor, scaler) = TrainRegression(Config with { Steps = 3 });
        var model = result.ToModel(preprocessor, scaler);
        var error = Assert.Throws<ArgumentException>(() => model.PredictOutputs(preprocessor.Apply(RawTestX)));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("preprocessor", error.Message);
        Assert.Throws<InvalidOperationException>(() => model.PredictClasses(RawTestX));
    }
}
