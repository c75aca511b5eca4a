using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Data;

namespace SpectrumDsl.Training;

/// <summary>Class predictions of a classification run, and the run as a model to keep (<see cref="TrainedModel"/>).</summary>
public sealed partial class TrainingResult
{
    /// <summary>True when the run was trained on class indices (<c>Trainer.Run(x, int[] labels, ...)</c>): one output per class.</summary>
    public bool IsClassification => TrainClassification is not null;

    /// <summary>
    /// The predicted class of each row of <paramref name="x"/> (points as trained on, i.e. already preprocessed): the
    /// output with the largest value, ties to the lowest class index, as the run's accuracies count it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run was trained on real targets (regression).</exception>
    public int[] PredictClasses(Matrix<double> x)
    {
        RequireClassification(nameof(PredictClasses));
        return ClassLabels.Argmax(Network.PredictOutputs(x));
    }

    /// <summary>
    /// n x c class scores for the rows of <paramref name="x"/>: each output plus 1/c, the square-loss estimate of
    /// P(class | x) on the one-hot scale (1 at a training point's class, 0 elsewhere, when interpolated). Not
    /// probabilities: they are not kept in [0, 1], rows need not sum to 1, and they are not calibrated (see
    /// docs/design.md#classification). Their argmax is <see cref="PredictClasses"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run was trained on real targets (regression).</exception>
    public Matrix<double> ClassScores(Matrix<double> x)
    {
        RequireClassification(nameof(ClassScores));
        return Classification.ClassScores.Of(Network.PredictOutputs(x));
    }

    /// <summary>
    /// The trained network as a <see cref="TrainedModel"/> that applies <paramref name="preprocessor"/> to new points and
    /// <paramref name="targetScaler"/>'s inverse to the outputs, with the classes when the run was a classification
    /// (a copy of the network: later changes to <see cref="Network"/> do not reach it).
    /// </summary>
    /// <param name="preprocessor">The preprocessor the training points went through, or null; its output dimension must be the network's input dimension.</param>
    /// <param name="targetScaler">Regression only: the scaler the training targets went through, one column per output, or null.</param>
    /// <param name="classNames">Classification only: a name for each class index (c names), or null.</param>
    /// <exception cref="ArgumentException">A piece does not fit the network or the task (the message says which and why).</exception>
    public TrainedModel ToModel(Preprocessor? preprocessor = null, TargetScaler? targetScaler = null, IReadOnlyList<string>? classNames = null) =>
        TrainedModel.Create(Network.Clone(), IsClassification, preprocessor, targetScaler, classNames);

    /// <summary>
    /// The network of <paramref name="milestone"/> (one of <see cref="TrainingResult.Milestones"/>) as a
    /// <see cref="TrainedModel"/>, as <see cref="ToModel"/> makes one of the final network: what a run stopped at that
    /// tolerance would have saved, ready for <see cref="TrainedModel.Save"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The milestone's parameters do not fit this network, or a piece does not fit the network or the task.</exception>
    public TrainedModel ModelAt(ToleranceMilestone milestone, Preprocessor? preprocessor = null, TargetScaler? targetScaler = null, IReadOnlyList<string>? classNames = null) =>
        TrainedModel.Create(NetworkAt(milestone), IsClassification, preprocessor, targetScaler, classNames);

    /// <summary>
    /// Saves the trained network with its preprocessing, target scaling and classes to <paramref name="path"/>
    /// (<see cref="ToModel"/> then <see cref="TrainedModel.Save"/>): one checksummed file written atomically, read back by
    /// <see cref="TrainedModel.Load"/> in any process, with bit-identical predictions.
    /// </summary>
    /// <exception cref="ArgumentException">The path's directory does not exist, or a piece does not fit the network or the task.</exception>
    /// <exception cref="IOException">Writing failed; a file already at the path is unchanged.</exception>
    public void Save(string path, Preprocessor? preprocessor = null, TargetScaler? targetScaler = null, IReadOnlyList<string>? classNames = null) =>
        ToModel(preprocessor, targetScaler, classNames).Save(path);

    private void RequireClassification(string method)
    {
        if (!IsClassification)
        {
            throw new InvalidOperationException(
                $"{method} needs a run trained on class indices (Trainer.Run(x, int[] labels, ...)), but this run was trained on real targets; use Predict or PredictOutputs.");
        }
    }
}
