namespace SpectrumDsl.Regression;

/// <summary>The state of an EigenPro fit after an epoch (epoch 0: before the first update, all coefficients zero).</summary>
/// <param name="Epoch">Completed passes over the training set.</param>
/// <param name="TrainLoss">1/(2m) ||F(X_E) - Y_E||_F^2 on the m evaluation points E (<see cref="EigenProOptions.TrainEvaluationSize"/>), all outputs together.</param>
/// <param name="TestLoss">The same on the test set, when one was given.</param>
/// <param name="RelativeResidual">||F(X_E) - Y_E||_F / ||Y_E||_F (1 at epoch 0), the quantity <see cref="EigenProOptions.Tolerance"/> is compared with.</param>
/// <param name="Elapsed">Wall time since the fit started, setup (subsample eigensystem) included.</param>
public sealed record EigenProEpoch(int Epoch, double TrainLoss, double? TestLoss, double RelativeResidual, TimeSpan Elapsed)
{
    /// <summary>
    /// With two or more outputs: the fraction of evaluation points whose largest output is in the column of their
    /// largest label (the classification accuracy for one-hot targets, ties to the lowest column); null for one output.
    /// </summary>
    public double? TrainAccuracy { get; init; }

    /// <summary>The same on the test set, when one was given.</summary>
    public double? TestAccuracy { get; init; }
}
