using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Training;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// Regression targets standardised per output: z = (y - mean) / sd with the mean and population standard deviation
/// of each training target column, and back: y = z sd + mean. The feature side's <see cref="Preprocessor"/> has a
/// counterpart here for the labels: a network trains on targets of unit spread (the automatic step size and the
/// tolerance then mean the same on any data), and predictions and errors return in the user's units. A target
/// constant on the training data is only shifted (nothing to divide by). Immutable.
/// </summary>
/// <remarks>
/// Typical use: <c>var scaler = TargetScaler.Fit(trainY); var result = trainer.Run(x, scaler.Apply(trainY));
/// result.Save(path, preprocessor, scaler);</c> then <c>TrainedModel.Load(path).PredictOutputs(newX)</c> is in the
/// units of trainY. Classification needs none: its targets are centred one-hot vectors already.
/// </remarks>
public sealed partial class TargetScaler
{
    private readonly FeatureStatistics statistics;
    private readonly double[] divisor;

    private TargetScaler(FeatureStatistics statistics)
    {
        this.statistics = statistics;
        divisor = Enumerable.Range(0, statistics.Mean.Length).Select(j => statistics.IsConstant(j) ? 1.0 : statistics.StandardDeviation[j]).ToArray();
        ConstantTargets = Array.AsReadOnly(Enumerable.Range(0, statistics.Mean.Length).Where(statistics.IsConstant).ToArray());
    }

    /// <summary>c, the number of target columns (network outputs) it scales.</summary>
    public int OutputCount => statistics.Mean.Length;

    /// <summary>The training mean of each target column (subtracted by <see cref="Apply(Matrix{double})"/>).</summary>
    public IReadOnlyList<double> Mean => Array.AsReadOnly(statistics.Mean);

    /// <summary>The training standard deviation of each target column, dividing by n.</summary>
    public IReadOnlyList<double> StandardDeviation => Array.AsReadOnly(statistics.StandardDeviation);

    /// <summary>The divisor of each column: its standard deviation, or 1 for a target constant on the training data.</summary>
    public IReadOnlyList<double> Scale => Array.AsReadOnly(divisor);

    /// <summary>Indices of the target columns constant on the training data (shifted, not divided).</summary>
    public IReadOnlyList<int> ConstantTargets { get; }

    /// <summary>Learns the mean and spread of each column of <paramref name="targets"/> (n x c, one row per training point, n &gt;= 2).</summary>
    /// <exception cref="ArgumentException">Fewer than two rows, an empty matrix or a non-finite entry.</exception>
    public static TargetScaler Fit(Matrix<double> targets)
    {
        Guard.Points(targets, nameof(targets));
        Guard.AtLeast(targets.RowCount, 2, "targets.RowCount", "A mean and a spread need at least two training targets.");
        return new TargetScaler(FeatureStatistics.Of(targets));
    }

    /// <summary>Learns the mean and spread of single-output training targets (n &gt;= 2).</summary>
    public static TargetScaler Fit(Vector<double> targets)
    {
        Guard.NotNull(targets, nameof(targets));
        return Fit(Matrix<double>.Build.DenseOfColumnVectors(targets));
    }

    /// <summary>(y - mean) / sd per column: targets to train on. <paramref name="targets"/> is n x <see cref="OutputCount"/>.</summary>
    public Matrix<double> Apply(Matrix<double> targets) => Map(targets, nameof(targets), inverse: false);

    /// <summary>(y - mean) / sd for single-output targets.</summary>
    public Vector<double> Apply(Vector<double> targets) => Map(AsColumn(targets, nameof(targets)), nameof(targets), inverse: false).Column(0);

    /// <summary>z sd + mean per column: a network's outputs (trained on <see cref="Apply(Matrix{double})"/>'s targets) in the user's units.</summary>
    public Matrix<double> Inverse(Matrix<double> scaled) => Map(scaled, nameof(scaled), inverse: true);

    /// <summary>z sd + mean for a single-output network's predictions.</summary>
    public Vector<double> Inverse(Vector<double> scaled) => Map(AsColumn(scaled, nameof(scaled)), nameof(scaled), inverse: true).Column(0);

    /// <summary>
    /// The training RMSE of <paramref name="record"/> (a run trained on <see cref="Apply(Matrix{double})"/>'s targets) in
    /// the user's units: sqrt((1/c) sum_a sd_a^2 2 L_a) over the per-output losses L_a, exact since every output's residual
    /// is its scaled residual times sd_a.
    /// </summary>
    /// <exception cref="ArgumentException">The record has another number of outputs than this scaler.</exception>
    public double TrainRmse(TrainingRecord record)
    {
        Guard.NotNull(record, nameof(record));
        Guard.SameLength(record.OutputTrainLosses.Count, "record.OutputTrainLosses", OutputCount, "the scaler's output count");
        var sum = 0.0;
        for (var a = 0; a < OutputCount; a++)
        {
            sum += divisor[a] * divisor[a] * 2.0 * record.OutputTrainLosses[a];
        }

        return Math.Sqrt(sum / OutputCount);
    }

    /// <summary>
    /// The test RMSE of <paramref name="record"/> in the user's units (null without test data). Records keep one test loss for
    /// all outputs together, so this needs one output or one scale shared by every output.
    /// </summary>
    /// <exception cref="InvalidOperationException">Several outputs with different scales: evaluate <c>TrainedModel.Rmse(testX, testY)</c> instead.</exception>
    public double? TestRmse(TrainingRecord record)
    {
        Guard.NotNull(record, nameof(record));
        Guard.SameLength(record.OutputTrainLosses.Count, "record.OutputTrainLosses", OutputCount, "the scaler's output count");
        if (record.TestRmse is not double scaled)
        {
            return null;
        }

        if (divisor.Any(value => value != divisor[0]))
        {
            throw new InvalidOperationException(
                $"The record keeps one test loss for its {OutputCount} outputs together, and their scales differ ({string.Join(", ", divisor.Select(Guard.Format))}), so its test RMSE has no single value in the user's units. Use TrainedModel.Rmse(testX, testY), or TrainRmse for the training set.");
        }

        return divisor[0] * scaled;
    }

    private Matrix<double> Map(Matrix<double> values, string parameter, bool inverse)
    {
        Guard.Points(values, parameter);
        Guard.SameCount(values.ColumnCount, parameter, "columns (outputs)", OutputCount, "the scaler");
        var n = values.RowCount;
        var source = values.AsColumnMajorArray() ?? values.ToColumnMajorArray();
        var result = new double[source.Length];
        for (var j = 0; j < OutputCount; j++)
        {
            var mean = statistics.Mean[j];
            var scale = divisor[j];
            var from = source.AsSpan(j * n, n);
            var to = result.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                to[i] = inverse ? from[i] * scale + mean : (from[i] - mean) / scale;
            }
        }

        return Matrix<double>.Build.Dense(n, OutputCount, result);
    }

    private static Matrix<double> AsColumn(Vector<double> values, string parameter)
    {
        Guard.NotNull(values, parameter);
        return Matrix<double>.Build.DenseOfColumnVectors(values);
    }
}
