using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Classification;

/// <summary>Accuracy and confusion of predicted class labels against true ones.</summary>
public static class ClassificationMetrics
{
    /// <summary>The fraction of points whose predicted label equals the true label.</summary>
    public static double Accuracy(IReadOnlyList<int> labels, IReadOnlyList<int> predicted)
    {
        CheckPair(labels, predicted);
        var correct = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            correct += labels[i] == predicted[i] ? 1 : 0;
        }

        return (double)correct / labels.Count;
    }

    /// <summary>Accuracy, confusion matrix and per-class recall of <paramref name="predicted"/> against <paramref name="labels"/>, both in 0..c-1.</summary>
    public static ClassificationReport Evaluate(IReadOnlyList<int> labels, IReadOnlyList<int> predicted, int classes)
    {
        CheckPair(labels, predicted);
        ClassLabels.Validate(labels, classes, nameof(labels));
        ClassLabels.Validate(predicted, classes, nameof(predicted));
        var confusion = new int[classes][];
        for (var t = 0; t < classes; t++)
        {
            confusion[t] = new int[classes];
        }

        for (var i = 0; i < labels.Count; i++)
        {
            confusion[labels[i]][predicted[i]]++;
        }

        return new ClassificationReport(confusion);
    }

    /// <summary>
    /// <see cref="Evaluate(IReadOnlyList{int}, IReadOnlyList{int}, int)"/> for the n x c outputs of a network with one output per
    /// class, predicted by <see cref="ClassLabels.Argmax"/> (ties to the lowest class).
    /// </summary>
    public static ClassificationReport Evaluate(IReadOnlyList<int> labels, Matrix<double> outputs)
    {
        Guard.NotNull(outputs, nameof(outputs));
        return Evaluate(labels, ClassLabels.Argmax(outputs), outputs.ColumnCount);
    }

    private static void CheckPair(IReadOnlyList<int> labels, IReadOnlyList<int> predicted)
    {
        Guard.NotNull(labels, nameof(labels));
        Guard.NotNull(predicted, nameof(predicted));
        Guard.SameLength(predicted.Count, nameof(predicted), labels.Count, nameof(labels));
        if (labels.Count == 0)
        {
            throw new ArgumentException("labels must hold at least one point; accuracy of nothing is undefined.", nameof(labels));
        }
    }
}
