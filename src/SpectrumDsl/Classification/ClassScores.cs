using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Classification;

/// <summary>
/// The outputs of a network trained on centred one-hot targets (<see cref="ClassLabels.CentredOneHot"/>), put back on
/// the one-hot scale: score_a = output_a + 1/c. Fitting e_y - 1/c by square loss makes each output an estimate of
/// P(a | x) - 1/c (least squares estimates the conditional mean of the one-hot target), so a score is that estimate of
/// P(a | x) on the scale where a training point's own class is 1 and the others 0. It is not a probability: nothing
/// keeps it in [0, 1] or the row sums at 1, and an interpolating network's estimate is not calibrated. A softmax
/// would give numbers that look like probabilities without being any better calibrated, so none is offered.
/// </summary>
internal static class ClassScores
{
    public static Matrix<double> Of(Matrix<double> outputs)
    {
        var shift = 1.0 / outputs.ColumnCount;
        var values = (double[])(outputs.AsColumnMajorArray() ?? outputs.ToColumnMajorArray()).Clone();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += shift;
        }

        return Matrix<double>.Build.Dense(outputs.RowCount, outputs.ColumnCount, values);
    }
}
