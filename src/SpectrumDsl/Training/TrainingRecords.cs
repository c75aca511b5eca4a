using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training;

/// <summary>The state of training at one recorded step.</summary>
/// <param name="Step">Number of updates made so far.</param>
/// <param name="TrainLoss">1/(2n) ||f(X) - y||^2 on the whole training set.</param>
/// <param name="TestLoss">The same on the test set, when one was given.</param>
/// <param name="RelativeResidual">||r_t|| / ||r_0||.</param>
/// <param name="EigenProjections">v_i . r_t for the top-k eigenvectors of the Gram in use (spectral bias per direction).</param>
/// <param name="ResidualOutsideTop">The norm of the residual's part outside the top-k eigenvectors.</param>
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
    TimeSpan Elapsed);

/// <summary>A progress report: a warning or status message before training, or a new record.</summary>
/// <param name="Step">The step the report belongs to (0 before training).</param>
/// <param name="Message">Human-readable text.</param>
/// <param name="Record">The new record, or null for a message.</param>
public sealed record TrainingProgress(int Step, string Message, TrainingRecord? Record);

/// <summary>
/// How well a network of this width resolves the kernel's eigendirections (checked before training).
/// E = (empirical NTK at initialisation) - (analytic NTK) on up to 256 training points. Direction i
/// (eigenpair delta_i, v_i of the analytic Gram) is unresolved when ||E v_i|| &gt; delta_i: the
/// finite-width error acting on it is larger than its own eigenvalue, so neither plain nor
/// preconditioned descent can follow kernel theory there. Both shrink like 1/sqrt(width).
/// </summary>
/// <param name="Width">The width checked.</param>
/// <param name="SampleCount">Points used.</param>
/// <param name="Fluctuation">||E||_2 / delta_1, the relative spectral-norm fluctuation.</param>
/// <param name="FrobeniusError">||E||_F / ||K||_F.</param>
/// <param name="UnresolvedEnergy">Share of the labels' energy ||y||^2 in unresolved directions.</param>
/// <param name="UnresolvedDirections">How many eigendirections are unresolved.</param>
/// <param name="RequiredWidth">A width (power of 2) predicted to resolve enough directions, or null when resolved.</param>
/// <param name="IsResolved">True when UnresolvedEnergy &lt;= Tolerance^2 (what is left unlearned then cannot block convergence).</param>
public sealed record NtkResolution(
    int Width,
    int SampleCount,
    double Fluctuation,
    double FrobeniusError,
    double UnresolvedEnergy,
    int UnresolvedDirections,
    int? RequiredWidth,
    bool IsResolved);

/// <summary>The spectrum behind the step size and the preconditioner.</summary>
/// <param name="Rank">k.</param>
/// <param name="TopEigenvalue">delta_1 (Gram scale).</param>
/// <param name="RankEigenvalue">delta_k.</param>
/// <param name="ConditionRatio">delta_1 / delta_k: the predicted speed-up of flattening the top k.</param>
/// <param name="GapRatio">delta_(k+1) / delta_k (close to 1: k cuts a cluster).</param>
/// <param name="CutsCluster">True when k cuts a cluster of nearly equal eigenvalues.</param>
/// <param name="MaxEigenvalueOfKS">lambda_max(K S) (delta_1 for GD).</param>
/// <param name="TargetShareInTopK">||V_k^T y||^2 / ||y||^2, the labels' share inside the top-k space.</param>
public sealed record PreconditionerInfo(
    int Rank,
    double TopEigenvalue,
    double RankEigenvalue,
    double ConditionRatio,
    double GapRatio,
    bool CutsCluster,
    double MaxEigenvalueOfKS,
    double TargetShareInTopK);

/// <summary>What a training run produced.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(
        FullyConnectedNetwork network, int stepsTaken, bool converged, double stepSize, int? predictedSteps,
        NtkResolution resolution, PreconditionerInfo preconditioner, IReadOnlyList<TrainingRecord> records,
        IReadOnlyList<string> warnings, Vector<double> initialResidual, Vector<double> finalResidual,
        bool cancelled = false, int? resumedFromStep = null)
    {
        Cancelled = cancelled;
        ResumedFromStep = resumedFromStep;
        Network = network;
        StepsTaken = stepsTaken;
        Converged = converged;
        StepSize = stepSize;
        PredictedSteps = predictedSteps;
        Resolution = resolution;
        Preconditioner = preconditioner;
        Records = records;
        Warnings = warnings;
        InitialResidual = initialResidual;
        FinalResidual = finalResidual;
    }

    /// <summary>The trained network.</summary>
    public FullyConnectedNetwork Network { get; }

    /// <summary>
    /// True when the run was stopped through its cancellation token. <see cref="Network"/> then holds the
    /// parameters after the last completed step (<see cref="StepsTaken"/> updates; a step is never half
    /// applied), <see cref="FinalResidual"/> is that network's residual, <see cref="Converged"/> is false
    /// and <see cref="Records"/> ends at the last record before cancellation.
    /// </summary>
    public bool Cancelled { get; }

    /// <summary>The checkpoint step this run was resumed from (<see cref="Trainer.Resume"/>), or null for a fresh run.</summary>
    public int? ResumedFromStep { get; }

    /// <summary>Updates made (the first step meeting the tolerance when converged, the last completed step when cancelled, else <see cref="TrainerConfig.Steps"/>).</summary>
    public int StepsTaken { get; }

    /// <summary>True when ||r_t|| &lt;= Tolerance ||r_0|| was reached within the step budget.</summary>
    public bool Converged { get; }

    /// <summary>The step size eta used.</summary>
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

    /// <summary>r_0 = f_0(X) - y with the network's own initial output (a copy).</summary>
    public Vector<double> InitialResidual { get; }

    /// <summary>The training residual after the last step.</summary>
    public Vector<double> FinalResidual { get; }

    /// <summary>The trained network's predictions on new points.</summary>
    public Vector<double> Predict(Matrix<double> x) => Network.Predict(x);
}

/// <summary>
/// Training diverged (a non-finite loss, or a loss that grew for many consecutive steps above the
/// initial loss). <see cref="Network"/> holds the parameters of the last stable step.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    internal TrainingDivergedException(int step, double lastStableLoss, double stepSize, double suggested, FullyConnectedNetwork network)
        : base($"Training diverged at step {step} with step size {Validation.Guard.Format(stepSize)}; the last stable training loss was {Validation.Guard.Format(lastStableLoss)}. Try LearningRate = {Validation.Guard.Format(suggested)} (or 0 for the automatic 1/lambda_max).")
    {
        Step = step;
        LastStableLoss = lastStableLoss;
        StepSize = stepSize;
        SuggestedLearningRate = suggested;
        Network = network;
    }

    /// <summary>The step at which divergence was detected.</summary>
    public int Step { get; }

    /// <summary>The training loss of the last stable step.</summary>
    public double LastStableLoss { get; }

    /// <summary>The step size that diverged.</summary>
    public double StepSize { get; }

    /// <summary>A smaller step size to try.</summary>
    public double SuggestedLearningRate { get; }

    /// <summary>The network restored to the last stable parameters.</summary>
    public FullyConnectedNetwork Network { get; }
}
