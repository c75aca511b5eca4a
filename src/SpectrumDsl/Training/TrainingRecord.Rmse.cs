namespace SpectrumDsl.Training;

/// <summary>Root-mean-square errors, the losses in the units of the targets.</summary>
public sealed partial record TrainingRecord
{
    /// <summary>
    /// sqrt(||F(X) - Y||_F^2 / (n c)) = sqrt(2 <see cref="TrainLoss"/> / c): the training RMSE over every point and
    /// output, in the units of the targets the network was trained on. With a <see cref="Data.TargetScaler"/>,
    /// <see cref="Data.TargetScaler.TrainRmse"/> (or <c>TrainedModel.TrainRmse</c>) gives it in the user's units.
    /// For classification it is the RMSE against the centred one-hot targets.
    /// </summary>
    public double TrainRmse => Math.Sqrt(2.0 * TrainLoss / Outputs);

    /// <summary>The same on the test set, when one was given (null otherwise).</summary>
    public double? TestRmse => TestLoss is double loss ? Math.Sqrt(2.0 * loss / Outputs) : null;

    /// <summary>sqrt(2 L_a) for each output a: the training RMSE of each output on its own.</summary>
    public IReadOnlyList<double> OutputTrainRmse => OutputTrainLosses.Select(loss => Math.Sqrt(2.0 * loss)).ToArray();

    // c; a record built by hand without per-output losses counts as one output.
    private int Outputs => Math.Max(1, OutputTrainLosses.Count);
}
