using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training;

/// <summary>What a training run produced.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(
        FullyConnectedNetwork network, int stepsTaken, StopReason stopReason, double stepSize, int? predictedSteps,
        NtkResolution resolution, PreconditionerInfo preconditioner, IReadOnlyList<TrainingRecord> records,
        IReadOnlyList<string> warnings, Matrix<double> initialResidual, Matrix<double> finalResidual, int? resumedFromStep)
    {
        StopReason = stopReason;
        ResumedFromStep = resumedFromStep;
        Network = network;
        StepsTaken = stepsTaken;
        StepSize = stepSize;
        PredictedSteps = predictedSteps;
        Resolution = resolution;
        Preconditioner = preconditioner;
        Records = records;
        Warnings = warnings;
        InitialResidualMatrix = initialResidual;
        FinalResidualMatrix = finalResidual;
    }

    /// <summary>
    /// The network at each decade 10^-1, 10^-2, ... of the relative residual above <see cref="TrainerConfig.Tolerance"/>
    /// that the run reached, largest first (one parameter copy each). A run to 1e-4 thus also gives the networks runs
    /// stopped at 1e-1, 1e-2 and 1e-3 would have returned; <see cref="NetworkAt"/> rebuilds one.
    /// </summary>
    public IReadOnlyList<ToleranceMilestone> Milestones { get; init; } = [];

    /// <summary>A copy of the trained network with the parameters of <paramref name="milestone"/> (one of <see cref="Milestones"/>).</summary>
    public FullyConnectedNetwork NetworkAt(ToleranceMilestone milestone)
    {
        Validation.Guard.NotNull(milestone, nameof(milestone));
        var network = Network.Clone();
        network.RestoreParameters(milestone.Parameters.ToArray());
        return network;
    }

    /// <summary>The heavy-ball mu the run used (0: none), as <see cref="TrainerConfig.Momentum"/> resolved it (docs/design.md#momentum).</summary>
    public double Momentum { get; init; }

    /// <summary>Where the setup's time went (the Gram or Nystrom eigensystem, S, the network's operator, the batch operators ...), in order; empty on resume.</summary>
    public IReadOnlyList<SetupPhase> SetupPhases { get; init; } = [];

    /// <summary>The trained network.</summary>
    public FullyConnectedNetwork Network { get; }

    /// <summary>
    /// True when the run was stopped through its cancellation token. <see cref="Network"/> then holds the
    /// parameters after the last completed step (<see cref="StepsTaken"/> updates; a step is never half
    /// applied), <see cref="FinalResidual"/> is that network's residual, <see cref="Converged"/> is false
    /// and <see cref="Records"/> ends at the last record before cancellation.
    /// </summary>
    public bool Cancelled => StopReason == StopReason.Cancelled;

    /// <summary>Why the run stopped: tolerance met, an accuracy target reached, the step budget spent or cancelled.</summary>
    public StopReason StopReason { get; }

    /// <summary>
    /// True when <see cref="PredictedSteps"/> came from the top eigenpairs only (more than
    /// 1000 points): the residual outside them was assumed to
    /// decay as fast as along the last of them, so the prediction is a lower bound.
    /// </summary>
    public bool PredictionIsLowerBound { get; init; }

    /// <summary>The path the run took (<see cref="TrainerConfig.Path"/>'s Automatic resolved to Exact or Nystrom).</summary>
    public TrainingPath Path { get; init; }

    /// <summary>s, the Nystrom subsample size on that path (null on the exact path).</summary>
    public int? Subsample { get; init; }

    /// <summary>For classification: accuracy, confusion matrix and recall on the training set after the last step (null otherwise).</summary>
    public ClassificationReport? TrainClassification { get; init; }

    /// <summary>For classification with test data: the same on the test set (null otherwise).</summary>
    public ClassificationReport? TestClassification { get; init; }

    /// <summary>The checkpoint step this run was resumed from (<c>Trainer.Resume</c>), or null for a fresh run.</summary>
    public int? ResumedFromStep { get; }

    /// <summary>Updates made (the first step meeting the tolerance when converged, the last completed step when cancelled, else <see cref="TrainerConfig.Steps"/>).</summary>
    public int StepsTaken { get; }

    /// <summary>True when ||r_t|| &lt;= Tolerance ||r_0|| was reached within the step budget.</summary>
    public bool Converged => StopReason == StopReason.Tolerance;

    /// <summary>
    /// With a validation set (<see cref="TrainerConfig.ValidationFraction"/>): the record step whose parameters the
    /// network holds, the one with the lowest validation loss; null without validation.
    /// </summary>
    public int? KeptStep { get; init; }

    /// <summary>The recoveries from divergence, in order (empty when the loss never diverged; see <see cref="TrainerConfig.OnDivergence"/>).</summary>
    public IReadOnlyList<StepSizeChange> StepSizeChanges { get; init; } = [];

    /// <summary>The step size eta at the end of the run: the automatic or configured one, halved by each of <see cref="StepSizeChanges"/>.</summary>
    public double StepSize { get; }

    /// <summary>
    /// Steps kernel gradient descent (same Gram, S, eta, tolerance, r_0) needs: what an infinitely
    /// wide network would take; null when not reached within the step budget or eta is unstable for
    /// the kernel. For mini-batch training this is the full-batch prediction.
    /// </summary>
    public int? PredictedSteps { get; }

    /// <summary>The finite-width resolution check made before training.</summary>
    public NtkResolution Resolution { get; }

    /// <summary>The spectrum behind S and eta.</summary>
    public PreconditionerInfo Preconditioner { get; }

    /// <summary>The recorded trajectory.</summary>
    public IReadOnlyList<TrainingRecord> Records { get; }

    /// <summary>Warnings raised before or during training (also reported through the progress callback).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>r_0 = f_0(X) - y with the network's own initial output, for a single-output run (a copy).</summary>
    /// <exception cref="InvalidOperationException">The run has several outputs (use <see cref="InitialResidualMatrix"/>).</exception>
    public Vector<double> InitialResidual => SingleColumn(InitialResidualMatrix, nameof(InitialResidualMatrix));

    /// <summary>The training residual after the last step, for a single-output run.</summary>
    /// <exception cref="InvalidOperationException">The run has several outputs (use <see cref="FinalResidualMatrix"/>).</exception>
    public Vector<double> FinalResidual => SingleColumn(FinalResidualMatrix, nameof(FinalResidualMatrix));

    /// <summary>R_0 = F_0(X) - Y, n x c: one column per output.</summary>
    public Matrix<double> InitialResidualMatrix { get; }

    /// <summary>The training residual after the last step, n x c.</summary>
    public Matrix<double> FinalResidualMatrix { get; }

    /// <summary>The trained single-output network's predictions on new points.</summary>
    public Vector<double> Predict(Matrix<double> x) => Network.Predict(x);

    /// <summary>The trained network's predictions on new points, one column per output.</summary>
    public Matrix<double> PredictOutputs(Matrix<double> x) => Network.PredictOutputs(x);

    private static Vector<double> SingleColumn(Matrix<double> matrix, string alternative) => matrix.ColumnCount == 1
        ? matrix.Column(0)
        : throw new InvalidOperationException($"The run has {matrix.ColumnCount} outputs; use {alternative} for the n x c residual.");
}
