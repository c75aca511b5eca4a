namespace SpectrumDsl.Training;

/// <summary>The state of training at one recorded step.</summary>
/// <param name="Step">Number of updates made so far.</param>
/// <param name="TrainLoss">1/(2n) ||F(X) - Y||_F^2 on the whole training set, all outputs together.</param>
/// <param name="TestLoss">The same on the test set, when one was given.</param>
/// <param name="RelativeResidual">||R_t||_F / ||R_0||_F.</param>
/// <param name="EigenProjections">
/// v_i . r_t for the top-k eigenvectors of the Gram in use (spectral bias per direction); with c outputs the
/// projection of output a's residual is at index i c + a (see <see cref="ProjectionNorms"/> for all outputs together).
/// </param>
/// <param name="ResidualOutsideTop">The Frobenius norm of the residual's part outside the top-k eigenvectors.</param>
/// <param name="StepSize">eta.</param>
/// <param name="Elapsed">Wall time since training started.</param>
public sealed record TrainingRecord(
    int Step,
    double TrainLoss,
    double? TestLoss,
    double RelativeResidual,
    IReadOnlyList<double> EigenProjections,
    double ResidualOutsideTop,
    double StepSize,
    TimeSpan Elapsed)
{
    /// <summary>1/(2 n_v) ||F(X_v) - Y_v||_F^2 on the held-out validation set (<see cref="TrainerConfig.ValidationFraction"/>), or null.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>True when the run recovered from divergence since the previous record (see <see cref="TrainingResult.StepSizeChanges"/>); <see cref="StepSize"/> is the reduced one.</summary>
    public bool StepSizeReduced { get; init; }

    /// <summary>For classification: the fraction of training points whose largest output is their class (null otherwise).</summary>
    public double? TrainAccuracy { get; init; }

    /// <summary>For classification with test data: the test accuracy (null otherwise).</summary>
    public double? TestAccuracy { get; init; }

    /// <summary>1/(2n) ||F_a(X) - Y_a||^2 for each output a (one entry for a scalar network).</summary>
    public IReadOnlyList<double> OutputTrainLosses { get; init; } = [];

    /// <summary>sqrt(sum_a (v_i . r_a)^2) for i = 1..k: the residual along each top eigenvector, all outputs together.</summary>
    public IReadOnlyList<double> ProjectionNorms
    {
        get
        {
            var outputs = Math.Max(1, OutputTrainLosses.Count);
            var k = EigenProjections.Count / outputs;
            return Enumerable.Range(0, k)
                .Select(i => Math.Sqrt(Enumerable.Range(0, outputs).Sum(a => EigenProjections[i * outputs + a] * EigenProjections[i * outputs + a])))
                .ToArray();
        }
    }
}

/// <summary>A progress report: a warning or status message before training, or a new record.</summary>
/// <param name="Step">The step the report belongs to (0 before training).</param>
/// <param name="Message">Human-readable text.</param>
/// <param name="Record">The new record, or null for a message.</param>
public sealed record TrainingProgress(int Step, string Message, TrainingRecord? Record);
