using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Data;

/// <summary>Per-feature (column) mean and population standard deviation, in two passes over each column.</summary>
internal sealed record FeatureStatistics(double[] Mean, double[] StandardDeviation)
{
    // A standard deviation this small relative to the mean is round-off of a constant feature:
    // the mean of n equal values need not reproduce the value exactly.
    private const double ConstantTolerance = 1e-12;

    public static FeatureStatistics Of(Matrix<double> points)
    {
        var n = points.RowCount;
        var d = points.ColumnCount;
        var values = points.AsColumnMajorArray() ?? points.ToColumnMajorArray();
        var mean = new double[d];
        var deviation = new double[d];
        for (var j = 0; j < d; j++)
        {
            var column = values.AsSpan(j * n, n);
            var sum = 0.0;
            foreach (var value in column)
            {
                sum += value;
            }

            mean[j] = sum / n;
            var squares = 0.0;
            foreach (var value in column)
            {
                squares += (value - mean[j]) * (value - mean[j]);
            }

            deviation[j] = Math.Sqrt(squares / n);
        }

        return new FeatureStatistics(mean, deviation);
    }

    public bool IsConstant(int feature) => StandardDeviation[feature] <= ConstantTolerance * Math.Abs(Mean[feature]);
}
