using System.Globalization;
using System.Text;

namespace SpectrumDsl.Classification;

/// <summary>
/// How well predicted classes match true ones (from <see cref="ClassificationMetrics.Evaluate(IReadOnlyList{int}, IReadOnlyList{int}, int)"/>):
/// accuracy, the confusion matrix and the accuracy within each true class (recall).
/// </summary>
public sealed record ClassificationReport
{
    private readonly int[][] confusion;

    internal ClassificationReport(int[][] confusion)
    {
        this.confusion = confusion;
        Classes = confusion.Length;
        Support = Array.AsReadOnly(confusion.Select(row => row.Sum()).ToArray());
        Count = Support.Sum();
        Correct = Enumerable.Range(0, Classes).Sum(c => confusion[c][c]);
        Confusion = Array.AsReadOnly(confusion.Select(row => (IReadOnlyList<int>)Array.AsReadOnly(row)).ToArray());
        Recall = Array.AsReadOnly(Enumerable.Range(0, Classes)
            .Select(c => Support[c] == 0 ? double.NaN : (double)confusion[c][c] / Support[c]).ToArray());
    }

    /// <summary>c, the number of classes.</summary>
    public int Classes { get; }

    /// <summary>n, the number of points evaluated.</summary>
    public int Count { get; }

    /// <summary>How many points were classified correctly.</summary>
    public int Correct { get; }

    /// <summary>The fraction classified correctly, <see cref="Correct"/> / <see cref="Count"/>.</summary>
    public double Accuracy => (double)Correct / Count;

    /// <summary>The c x c confusion matrix: <c>Confusion[t][p]</c> counts points of true class t predicted as p (rows true, columns predicted).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Confusion { get; }

    /// <summary>How many points each true class has (the row sums of <see cref="Confusion"/>).</summary>
    public IReadOnlyList<int> Support { get; }

    /// <summary>Per-class accuracy (recall): the fraction of class t's points predicted as t; NaN for a class with no points.</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>The accuracy and the confusion matrix as a plain-text table with per-class recall, for printing.</summary>
    public override string ToString()
    {
        var invariant = CultureInfo.InvariantCulture;
        var width = Math.Max(5, confusion.SelectMany(row => row).Max().ToString(invariant).Length + 1);
        var text = new StringBuilder();
        text.Append(invariant, $"accuracy {Accuracy:P2} ({Correct} of {Count}); rows true class, columns predicted").AppendLine();
        text.Append("true\\pred".PadRight(10));
        for (var p = 0; p < Classes; p++)
        {
            text.Append(p.ToString(invariant).PadLeft(width));
        }

        text.AppendLine("   recall");
        for (var t = 0; t < Classes; t++)
        {
            text.Append(t.ToString(invariant).PadRight(10));
            foreach (var count in confusion[t])
            {
                text.Append(count.ToString(invariant).PadLeft(width));
            }

            text.Append(double.IsNaN(Recall[t]) ? "        -" : Recall[t].ToString("P1", invariant).PadLeft(9)).AppendLine();
        }

        return text.ToString();
    }
}
