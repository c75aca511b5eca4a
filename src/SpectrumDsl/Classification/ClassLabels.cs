using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Classification;

/// <summary>
/// Integer class labels 0..c-1 and the n x c output matrices of a network with c outputs: square-loss
/// targets from labels, and predicted labels from outputs.
/// </summary>
public static class ClassLabels
{
    /// <summary>
    /// Checks that every label is a class index in 0..<paramref name="classes"/>-1, so that a network with
    /// <paramref name="classes"/> outputs has one output per class. The error names the first offending
    /// row and value and the number of outputs the labels need.
    /// </summary>
    /// <param name="labels">The labels, one per point.</param>
    /// <param name="classes">c, the number of classes (network outputs); at least 2.</param>
    /// <param name="parameter">The name the error reports (default "labels").</param>
    public static void Validate(IReadOnlyList<int> labels, int classes, string parameter = "labels")
    {
        Guard.NotNull(labels, parameter);
        Guard.AtLeast(classes, 2, nameof(classes), "Classification needs at least two classes; one output with real targets is regression.");
        for (var row = 0; row < labels.Count; row++)
        {
            var label = labels[row];
            if (label < 0 || label >= classes)
            {
                var needed = labels.Max() + 1;
                var advice = label < 0
                    ? "Class labels count from 0."
                    : $"The labels need at least {needed} classes (outputs): give the network {needed} outputs, or relabel the classes as 0..{classes - 1}.";
                throw new ArgumentException(
                    $"{parameter} must be class indices in 0..{classes - 1} for {classes} classes (outputs) but row {row} has {label}. {advice}", parameter);
            }
        }
    }

    /// <summary>
    /// Centred one-hot targets, n x c: row i is e_(y_i) - 1/c, that is 1 - 1/c at the true class and
    /// -1/c elsewhere. Every row sums to 0, so the targets carry no constant offset the network would
    /// have to learn first; square loss on these targets is the classification setting of EigenPro
    /// and neural-tangents.
    /// </summary>
    public static Matrix<double> CentredOneHot(IReadOnlyList<int> labels, int classes)
    {
        Validate(labels, classes);
        var off = -1.0 / classes;
        var n = labels.Count;
        var storage = new double[n * classes];
        Array.Fill(storage, off);
        for (var row = 0; row < n; row++)
        {
            // Column-major: entry (row, class) sits at class * n + row.
            storage[labels[row] * n + row] = 1.0 + off;
        }

        return Matrix<double>.Build.Dense(n, classes, storage);
    }

    /// <summary>
    /// The predicted class of each row of an n x c output matrix: the column of the largest output
    /// (argmax). Ties go to the lowest class index, so the rule is deterministic.
    /// </summary>
    public static int[] Argmax(Matrix<double> outputs)
    {
        Guard.Points(outputs, nameof(outputs));
        var n = outputs.RowCount;
        var values = outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray();
        var predicted = new int[n];
        for (var i = 0; i < n; i++)
        {
            predicted[i] = Predicted(values, n, outputs.ColumnCount, i);
        }

        return predicted;
    }

    /// <summary>How many rows of the column-major n x c <paramref name="outputs"/> predict their label (allocation-free).</summary>
    internal static int CountCorrect(ReadOnlySpan<double> outputs, int count, int classes, IReadOnlyList<int> labels)
    {
        var correct = 0;
        for (var i = 0; i < count; i++)
        {
            correct += Predicted(outputs, count, classes, i) == labels[i] ? 1 : 0;
        }

        return correct;
    }

    private static int Predicted(ReadOnlySpan<double> values, int count, int classes, int row)
    {
        var best = 0;
        for (var j = 1; j < classes; j++)
        {
            // Strictly greater: an equal later output keeps the earlier (lower) index.
            if (values[j * count + row] > values[best * count + row])
            {
                best = j;
            }
        }

        return best;
    }
}
