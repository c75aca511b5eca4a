using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Data;
using SpectrumDsl.Networks;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>
/// A trained network ready to use on raw points: it applies the fitted <see cref="Data.Preprocessor"/> to new points,
/// runs the network and, for regression, maps the outputs back to the user's units through the
/// <see cref="Data.TargetScaler"/>; for classification it knows its classes. Made by <see cref="TrainingResult.ToModel"/>,
/// kept with <see cref="Save"/> and read back in any process with <see cref="Load"/>, predicting bit-identically.
/// Immutable (not thread-safe for concurrent predictions, as the network is not).
/// </summary>
public sealed partial class TrainedModel
{
    private readonly FullyConnectedNetwork network;

    private TrainedModel(FullyConnectedNetwork network, bool isClassifier, Preprocessor? preprocessor, TargetScaler? targetScaler, string[]? classNames)
    {
        this.network = network;
        IsClassifier = isClassifier;
        Preprocessor = preprocessor;
        TargetScaler = targetScaler;
        ClassNames = classNames is null ? null : Array.AsReadOnly(classNames);
    }

    /// <summary>A copy of the trained network (its architecture, width, input dimension, outputs and parameters).</summary>
    public FullyConnectedNetwork Network => network.Clone();

    /// <summary>The preprocessing applied to points before the network, or null when points go in as given.</summary>
    public Preprocessor? Preprocessor { get; }

    /// <summary>Regression: the target scaling undone on the outputs, or null when the network predicts in the user's units.</summary>
    public TargetScaler? TargetScaler { get; }

    /// <summary>True when the network was trained on classes (one output per class, centred one-hot targets).</summary>
    public bool IsClassifier { get; }

    /// <summary>Classification: the name of each class index, when given to <see cref="TrainingResult.ToModel"/>; null otherwise.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>c: the number of outputs (classes for a classifier).</summary>
    public int OutputCount => network.OutputCount;

    /// <summary>The number of features a point given to the model has (before preprocessing).</summary>
    public int InputDimension => Preprocessor?.InputDimension ?? network.InputDimension;

    /// <summary>Predictions of a single-output regression model in the user's units, one per row of <paramref name="x"/>.</summary>
    /// <exception cref="InvalidOperationException">The model has several outputs (use <see cref="PredictOutputs"/>).</exception>
    public Vector<double> Predict(Matrix<double> x)
    {
        if (OutputCount != 1)
        {
            throw new InvalidOperationException($"The model has {OutputCount} outputs; use PredictOutputs for a matrix with one column per output{(IsClassifier ? ", or PredictClasses" : "")}.");
        }

        return PredictOutputs(x).Column(0);
    }

    /// <summary>
    /// n x c outputs for the raw points <paramref name="x"/> (one per row, <see cref="InputDimension"/> features): preprocessed,
    /// through the network, and for regression back in the user's units. For a classifier these are the network's outputs
    /// (centred one-hot scale; see <see cref="ClassScores"/>).
    /// </summary>
    public Matrix<double> PredictOutputs(Matrix<double> x)
    {
        var outputs = network.PredictOutputs(Prepare(x));
        return TargetScaler is null ? outputs : TargetScaler.Inverse(outputs);
    }

    /// <summary>The predicted class index of each row of <paramref name="x"/>: the largest output, ties to the lowest index.</summary>
    /// <exception cref="InvalidOperationException">The model is a regression model.</exception>
    public int[] PredictClasses(Matrix<double> x)
    {
        RequireClassifier(nameof(PredictClasses));
        return ClassLabels.Argmax(network.PredictOutputs(Prepare(x)));
    }

    /// <summary>
    /// n x c class scores: each output plus 1/c, the square-loss estimate of P(class | x) on the one-hot scale. Not
    /// probabilities (not kept in [0, 1], rows need not sum to 1, not calibrated; docs/design.md#classification).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is a regression model.</exception>
    public Matrix<double> ClassScores(Matrix<double> x)
    {
        RequireClassifier(nameof(ClassScores));
        return Classification.ClassScores.Of(network.PredictOutputs(Prepare(x)));
    }

    /// <summary>
    /// sqrt(||F(x) - y||_F^2 / (n c)): the RMSE of the model's predictions on raw points <paramref name="x"/> against
    /// targets <paramref name="y"/> (n x c) in the user's units.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is a classifier (compare <see cref="PredictClasses"/> with the labels instead).</exception>
    public double Rmse(Matrix<double> x, Matrix<double> y)
    {
        RequireRegression(nameof(Rmse));
        Guard.Points(x, nameof(x));
        Guard.Points(y, nameof(y));
        Guard.SameCount(y.RowCount, nameof(y), "rows", x.RowCount, "x");
        Guard.SameCount(y.ColumnCount, nameof(y), "columns (outputs)", OutputCount, "the model");
        var predicted = PredictOutputs(x).AsColumnMajorArray()!;
        var targets = y.AsColumnMajorArray() ?? y.ToColumnMajorArray();
        var sum = 0.0;
        for (var i = 0; i < predicted.Length; i++)
        {
            var error = predicted[i] - targets[i];
            sum += error * error;
        }

        return Math.Sqrt(sum / predicted.Length);
    }

    /// <summary>The RMSE of a single-output model on raw points <paramref name="x"/> against <paramref name="y"/>, in the user's units.</summary>
    public double Rmse(Matrix<double> x, Vector<double> y)
    {
        Guard.NotNull(y, nameof(y));
        return Rmse(x, Matrix<double>.Build.DenseOfColumnVectors(y));
    }

    /// <summary>
    /// The training RMSE of a record of the run this model came from, in the user's units: through the
    /// <see cref="TargetScaler"/> when there is one (<see cref="TargetScaler.TrainRmse"/>), else <see cref="TrainingRecord.TrainRmse"/>.
    /// </summary>
    public double TrainRmse(TrainingRecord record)
    {
        Guard.NotNull(record, nameof(record));
        return TargetScaler?.TrainRmse(record) ?? record.TrainRmse;
    }

    /// <summary>The test RMSE of a record in the user's units (null without test data); see <see cref="TargetScaler.TestRmse"/>.</summary>
    public double? TestRmse(TrainingRecord record)
    {
        Guard.NotNull(record, nameof(record));
        return TargetScaler is null ? record.TestRmse : TargetScaler.TestRmse(record);
    }

    /// <summary>
    /// The model of <paramref name="network"/> (owned from now on), checking that the pieces fit: the preprocessor's output
    /// dimension is the network's input dimension, a scaler has one column per output and only for regression, class names
    /// one per output and only for classification.
    /// </summary>
    internal static TrainedModel Create(FullyConnectedNetwork network, bool isClassifier, Preprocessor? preprocessor, TargetScaler? targetScaler, IReadOnlyList<string>? classNames)
    {
        if (Misfit(network, isClassifier, preprocessor, targetScaler, classNames) is { } problem)
        {
            throw new ArgumentException(problem.Message, problem.Parameter);
        }

        return new TrainedModel(network, isClassifier, preprocessor, targetScaler, classNames?.ToArray());
    }

    /// <summary>Why the pieces do not fit together (and which parameter is at fault), or null.</summary>
    private static (string Message, string Parameter)? Misfit(FullyConnectedNetwork network, bool isClassifier, Preprocessor? preprocessor, TargetScaler? targetScaler, IReadOnlyList<string>? classNames)
    {
        if (preprocessor is not null && preprocessor.OutputDimension != network.InputDimension)
        {
            return ($"preprocessor gives points of dimension {preprocessor.OutputDimension} but the network takes {network.InputDimension}; pass the preprocessor the training points went through.", "preprocessor");
        }

        if (targetScaler is not null && isClassifier)
        {
            return ("targetScaler applies to regression targets, but this network was trained on classes (centred one-hot targets need no scaling); pass null.", "targetScaler");
        }

        if (targetScaler is not null && targetScaler.OutputCount != network.OutputCount)
        {
            return ($"targetScaler scales {targetScaler.OutputCount} target column(s) but the network has {network.OutputCount} outputs; fit it on the training targets.", "targetScaler");
        }

        if (classNames is not null && !isClassifier)
        {
            return ("classNames name classes, but this network was trained on real targets (regression); pass null.", "classNames");
        }

        if (classNames is not null && (classNames.Count != network.OutputCount || classNames.Any(name => name is null)))
        {
            return ($"classNames must hold one name for each of the {network.OutputCount} classes (outputs) but holds {classNames.Count}{(classNames.Any(name => name is null) ? " with a null entry" : "")}.", "classNames");
        }

        return null;
    }

    private Matrix<double> Prepare(Matrix<double> x)
    {
        Guard.Points(x, nameof(x));
        Guard.SameDimension(x, nameof(x), InputDimension, Preprocessor is null ? "the model's network" : "the model's preprocessor");
        return Preprocessor?.Apply(x) ?? x;
    }

    private void RequireClassifier(string method)
    {
        if (!IsClassifier)
        {
            throw new InvalidOperationException($"{method} needs a classifier, but this model was trained on real targets (regression); use Predict or PredictOutputs.");
        }
    }

    private void RequireRegression(string method)
    {
        if (IsClassifier)
        {
            throw new InvalidOperationException($"{method} compares real targets, but this model is a classifier; compare PredictClasses with the labels (ClassificationMetrics.Accuracy).");
        }
    }
}
