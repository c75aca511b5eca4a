using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;

namespace SpectrumDsl.Tests.Classification;

public class ClassificationMetricsTests
{
    // Eight points, three classes, counted by hand:
    //   true 0: predicted 0, 0, 1      -> row (2, 1, 0), recall 2/3
    //   true 1: predicted 1, 2         -> row (0, 1, 1), recall 1/2
    //   true 2: predicted 2, 0, 2      -> row (1, 0, 2), recall 2/3
    // correct 2 + 1 + 2 = 5 of 8.
    private static readonly int[] Labels = [0, 1, 2, 0, 1, 2, 0, 2];
    private static readonly int[] Predicted = [0, 1, 2, 1, 2, 0, 0, 2];

    [Fact]
    public void Confusion_accuracy_and_recall_match_a_hand_count()
    {
        var report = ClassificationMetrics.Evaluate(Labels, Predicted, classes: 3);

        Assert.Equal(3, report.Classes);
        Assert.Equal(8, report.Count);
        Assert.Equal(5, report.Correct);
        Assert.Equal(5.0 / 8.0, report.Accuracy);
        Assert.Equal([2, 1, 0], report.Confusion[0]);
        Assert.Equal([0, 1, 1], report.Confusion[1]);
        Assert.Equal([1, 0, 2], report.Confusion[2]);
        Assert.Equal([3, 2, 3], report.Support);
        Assert.Equal([2.0 / 3.0, 0.5, 2.0 / 3.0], report.Recall);
        Assert.Equal(5.0 / 8.0, ClassificationMetrics.Accuracy(Labels, Predicted));
    }

    [Fact]
    public void A_class_without_points_has_undefined_recall_and_still_counts_as_predicted()
    {
        var report = ClassificationMetrics.Evaluate([0, 0, 1], [2, 0, 1], classes: 3);

        Assert.Equal([1, 0, 1], report.Confusion[0]);
        Assert.Equal([0, 1, 0], report.Confusion[1]);
        Assert.Equal([0, 0, 0], report.Confusion[2]);
        Assert.Equal(0, report.Support[2]);
        Assert.True(double.IsNaN(report.Recall[2]));
        Assert.Equal(0.5, report.Recall[0]);
        Assert.Matches(@"^2\s+0\s+0\s+0\s+-$", report.ToString().Split(Environment.NewLine)[4]);
    }

    [Fact]
    public void Outputs_are_evaluated_through_argmax()
    {
        var outputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.9, 0.1 }, { 0.3, 0.3 }, { 0.2, 0.8 } });

        // Predicted 0, 0 (tie to the lower index), 1.
        var report = ClassificationMetrics.Evaluate([0, 1, 1], outputs);

        Assert.Equal([1, 0], report.Confusion[0]);
        Assert.Equal([1, 1], report.Confusion[1]);
        Assert.Equal(2.0 / 3.0, report.Accuracy);
    }

    [Fact]
    public void The_printed_table_has_rows_for_true_classes_and_the_accuracy()
    {
        var text = ClassificationMetrics.Evaluate(Labels, Predicted, classes: 3).ToString();
        var lines = text.Split(Environment.NewLine);

        Assert.StartsWith("accuracy 62.50 % (5 of 8)", lines[0]);
        Assert.Matches(@"^0\s+2\s+1\s+0\s+66\.7 %$", lines[2]);
        Assert.Matches(@"^2\s+1\s+0\s+2\s+66\.7 %$", lines[4]);
    }

    [Fact]
    public void Mismatched_or_out_of_range_inputs_are_refused()
    {
        var length = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0]));
        Assert.Contains("predicted has length 1 but labels has 2", length.Message);
        var range = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([0, 1], [0, 3], classes: 3));
        Assert.Equal("predicted", range.ParamName);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([], []));
    }
}
