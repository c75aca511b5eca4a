using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Training;
using static SpectrumDsl.Tests.Reliability.ReliabilityProblem;

namespace SpectrumDsl.Tests.Persistence;

public class ClassPredictionTests
{
    // Three classes on the circle, trained to a small residual (tolerance 1e-9, 300 steps).
    private static readonly TrainingResult Classifier = new Trainer(Pgd).Run(X, Classes, TestX, TestClasses);

    [Fact]
    public void PredictClasses_is_the_argmax_the_run_counted_its_accuracy_with()
    {
        var train = Classifier.PredictClasses(X);
        Assert.Equal(Classifier.TrainClassification!.Accuracy, ClassificationMetrics.Accuracy(Classes, train));
        Assert.Equal(Classifier.Records[^1].TrainAccuracy, ClassificationMetrics.Accuracy(Classes, train));
        Assert.Equal(Classifier.TestClassification!.Accuracy, ClassificationMetrics.Accuracy(TestClasses, Classifier.PredictClasses(TestX)));
        Assert.Equal(ClassLabels.Argmax(Classifier.PredictOutputs(TestX)), Classifier.PredictClasses(TestX));
        Assert.True(Classifier.IsClassification);
    }

    [Fact]
    public void Class_scores_on_training_points_are_the_one_hot_targets_plus_the_final_residual()
    {
        // Outputs F = Y + R with Y = e_y - 1/c, so F + 1/c = e_y + R: on the one-hot scale, off by the residual only.
        var scores = Classifier.ClassScores(X);
        var oneHot = Matrix<double>.Build.Dense(X.RowCount, 3, (i, a) => Classes[i] == a ? 1.0 : 0.0);
        var expected = oneHot + Classifier.FinalResidualMatrix;
        // Entries are O(1); the forward passes of the trainer and of ClassScores give the same bits, and adding 1/c
        // to -1/c + r rounds once or twice at 1e-16.
        Assert.True((scores - expected).Enumerate().Max(Math.Abs) < 1e-14, $"largest difference {(scores - expected).Enumerate().Max(Math.Abs)}");
        // Trained to 4 % relative residual, the scores are near one-hot on average (checks the shift is +1/c, not
        // another constant: with no shift the true class would average 2/3 and the others -1/3).
        var own = Enumerable.Range(0, X.RowCount).Average(i => scores[i, Classes[i]]);
        var others = Enumerable.Range(0, X.RowCount).SelectMany(i => Enumerable.Range(0, 3).Where(a => a != Classes[i]).Select(a => scores[i, a])).Average();
        Assert.InRange(own, 0.9, 1.1);
        Assert.InRange(others, -0.1, 0.1);
    }

    [Fact]
    public void A_regression_run_refuses_class_predictions_and_says_what_to_use()
    {
        var regression = new Trainer(Pgd with { Steps = 5 }).Run(X, Y);
        Assert.False(regression.IsClassification);
        var error = Assert.Throws<InvalidOperationException>(() => regression.PredictClasses(X));
        Assert.Contains("real targets", error.Message);
        Assert.Contains("PredictOutputs", error.Message);
        Assert.Throws<InvalidOperationException>(() => regression.ClassScores(X));
    }
}
