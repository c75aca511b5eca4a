using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Networks;
using SpectrumDsl.Training.Checkpoints;
using SpectrumDsl.Training.Loop;
using SpectrumDsl.Training.MiniBatch;
using SpectrumDsl.Training.Setup;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>
/// Trains a <see cref="FullyConnectedNetwork"/> with c outputs on the loss 1/2 ||F(X) - Y||_F^2 with gradient
/// descent (<c>w &lt;- w - eta J^T vec(R)</c>) or preconditioned gradient descent (<c>w &lt;- w - eta J^T vec(S R)</c>,
/// S from docs/design.md#preconditioner applied to every output column), starting from the network's own
/// initial output (R_0 = F_0(X) - Y). One scalar kernel serves all outputs (the NTK of c outputs is K (x) I_c).
/// </summary>
/// <remarks>
/// <para>The work is split by role: <see cref="TrainingSetup"/> builds the network, the spectrum and S through the
/// exact or Nystrom path (<see cref="ISetupPath"/>), the <see cref="StepPlan"/> (step size, momentum, kernel theory's
/// prediction) from measured <see cref="OperatorBounds"/>, the <see cref="ResolutionCheck"/> and the fingerprint once;
/// <see cref="TrainingLoop"/> runs a full-batch or mini-batch step rule on a network of its own under a
/// <see cref="DivergenceMonitor"/> (recovery or an exception, <see cref="TrainerConfig.OnDivergence"/>); checkpoints
/// save the loop's <see cref="RunState"/> with what they need of the setup.</para>
/// <para><b>Mini-batch PGD</b> (<see cref="TrainerConfig.BatchSize"/> = b &gt; 0) applies S restricted to the
/// batch at the current weights (EigenPro's construction, <see cref="BatchCorrection"/>). On the batch the operator
/// is the principal submatrix (K S)[B, B], whose top part shrinks like b / n: on both paths the step comes from it and
/// from the network's own batch operator (EigenPro 2's larger batch steps; docs/design.md#mini-batch).
/// Every update lies in the row space of the Jacobian, so the converged predictor is the full-batch one. The training set is evaluated once per epoch
/// (every ceil(n/b) steps) and at record steps; convergence and divergence are checked there.</para>
/// <para>A run never mutates the trainer; every run builds a fresh network from the seed.</para>
/// <para><b>Determinism.</b> The same configuration, seed and data give bit-identical results run to run on one
/// machine; see docs/reliability.md for what holds across machines and eigen backends.
/// <see cref="TrainingRecord.Elapsed"/> is wall time.</para>
/// <para><b>Checkpoints and cancellation.</b> See <see cref="CheckpointOptions"/>, <see cref="Resume(string, Matrix{double}, Matrix{double}, Matrix{double}?, Matrix{double}?, IProgress{TrainingProgress}?, CancellationToken, CheckpointOptions?)"/>
/// and <see cref="TrainingResult.Cancelled"/>.</para>
/// </remarks>
public sealed class Trainer
{
    /// <summary>Creates a trainer; the configuration is validated here and again on every run.</summary>
    public Trainer(TrainerConfig config)
    {
        Guard.NotNull(config, nameof(config));
        config.Validate();
        Config = config;
    }

    /// <summary>The configuration.</summary>
    public TrainerConfig Config { get; }

    /// <summary>Trains a single-output network on (<paramref name="x"/>, <paramref name="y"/>); see the matrix overload.</summary>
    public TrainingResult Run(Matrix<double> x, Vector<double> y, Matrix<double>? testX = null, Vector<double>? testY = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, CheckpointOptions? checkpoint = null)
    {
        Guard.NotNull(y, nameof(y));
        return Run(x, TrainingData.Column(y, nameof(y))!, testX, TrainingData.Column(testY, nameof(testY)), progress, cancellationToken, checkpoint);
    }

    /// <summary>
    /// Trains a network with one output per column of <paramref name="y"/> on (<paramref name="x"/>, <paramref name="y"/>)
    /// (points are rows). All inputs are validated before anything is built.
    /// </summary>
    /// <param name="x">Training points, one per row.</param>
    /// <param name="y">Labels, n x c: one row per training point, one column per output.</param>
    /// <param name="testX">Optional test points (give with <paramref name="testY"/>); the test loss is recorded.</param>
    /// <param name="testY">Optional test labels, one column per output.</param>
    /// <param name="progress">Receives warnings before training and every new record.</param>
    /// <param name="cancellationToken">
    /// Checked between steps only: when cancelled, the run stops before the next update and returns a
    /// result with <see cref="TrainingResult.Cancelled"/> set, holding the parameters after the last
    /// completed step (a step is never half applied). With <paramref name="checkpoint"/>, a checkpoint
    /// is saved at that step first.
    /// </param>
    /// <param name="checkpoint">Save the complete state every <see cref="CheckpointOptions.Interval"/> steps.</param>
    /// <exception cref="ArgumentException">
    /// Shapes, values or configuration are invalid, or an explicit <see cref="TrainerConfig.LearningRate"/>
    /// is at or above the stability bound 2/lambda_max(K S) (parameter name LearningRate, the message gives
    /// the bound) unless <see cref="TrainerConfig.AllowUnstableLearningRate"/> is set.
    /// </exception>
    /// <exception cref="TrainingDivergedException">With <see cref="TrainerConfig.OnDivergence"/> = Throw only: the loss diverged (docs/design.md#recovery); by default the run recovers instead.</exception>
    /// <exception cref="IOException">A checkpoint could not be written (the previous one is left intact).</exception>
    public TrainingResult Run(Matrix<double> x, Matrix<double> y, Matrix<double>? testX = null, Matrix<double>? testY = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, CheckpointOptions? checkpoint = null) =>
        Start(TrainingData.Create(x, y, testX, testY), progress, cancellationToken, checkpoint);

    /// <summary>
    /// Classification: one output per class, trained on the centred one-hot targets of the class indices
    /// <paramref name="labels"/> (0..c-1, c the largest index in the training and test labels plus one);
    /// records and the result carry the training and test accuracy and confusion matrix. Otherwise as the matrix overload.
    /// </summary>
    public TrainingResult Run(Matrix<double> x, IReadOnlyList<int> labels, Matrix<double>? testX = null, IReadOnlyList<int>? testLabels = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, CheckpointOptions? checkpoint = null) =>
        Start(TrainingData.Classify(x, labels, testX, testLabels), progress, cancellationToken, checkpoint);

    /// <summary>Continues a single-output run; see the matrix overload.</summary>
    public TrainingResult Resume(string path, Matrix<double> x, Vector<double> y, Matrix<double>? testX = null, Vector<double>? testY = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, CheckpointOptions? checkpoint = null)
    {
        Guard.NotNull(y, nameof(y));
        return Resume(path, x, TrainingData.Column(y, nameof(y))!, testX, TrainingData.Column(testY, nameof(testY)), progress, cancellationToken, checkpoint);
    }

    /// <summary>
    /// Continues the run saved in the checkpoint at <paramref name="path"/> with this trainer's configuration and
    /// the same data. The result (parameters, losses, records, step count) is bit-identical to that of an
    /// uninterrupted run on the same machine: the checkpoint keeps the eigenpairs, S and step size the run
    /// trained with, so nothing depends on decomposing the Gram again. The step budget
    /// <see cref="TrainerConfig.Steps"/> may differ from the original run's (it must not be below the
    /// checkpoint's step); every other setting must be equal.
    /// </summary>
    /// <param name="path">A checkpoint written through <see cref="CheckpointOptions"/>.</param>
    /// <param name="x">The same training points as the original run (checked by SHA-256).</param>
    /// <param name="y">The same labels (checked by SHA-256).</param>
    /// <param name="testX">The same test points as the original run, or null if it had none.</param>
    /// <param name="testY">The same test labels.</param>
    /// <param name="progress">As for a run (setup warnings are reported again).</param>
    /// <param name="cancellationToken">As for a run.</param>
    /// <param name="checkpoint">Keep saving checkpoints (may be the same path).</param>
    /// <exception cref="CheckpointException">The file is missing, not a checkpoint, of another format version,
    /// truncated or corrupted, or was written for another configuration, target or data.</exception>
    public TrainingResult Resume(string path, Matrix<double> x, Matrix<double> y, Matrix<double>? testX = null, Matrix<double>? testY = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, CheckpointOptions? checkpoint = null)
    {
        Guard.NotNull(path, nameof(path));
        return Continue(path, TrainingData.Create(x, y, testX, testY), progress, cancellationToken, checkpoint);
    }

    /// <summary>Continues a classification run; see the matrix overload.</summary>
    public TrainingResult Resume(string path, Matrix<double> x, IReadOnlyList<int> labels, Matrix<double>? testX = null, IReadOnlyList<int>? testLabels = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, CheckpointOptions? checkpoint = null)
    {
        Guard.NotNull(path, nameof(path));
        return Continue(path, TrainingData.Classify(x, labels, testX, testLabels), progress, cancellationToken, checkpoint);
    }

    private TrainingResult Start(TrainingData all, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken, CheckpointOptions? checkpoint)
    {
        var data = all.Split(Config.ValidationFraction, Config.Seed);
        var setup = TrainingSetup.Prepare(Config, data);
        var network = setup.CreateNetwork();
        var state = RunState.Start(network.CopyParameters(), data.Count, setup.StepSize);
        return Execute(setup, network, state, [.. setup.Warnings], progress, cancellationToken, checkpoint, resumedFrom: null);
    }

    private TrainingResult Continue(string path, TrainingData all, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken, CheckpointOptions? checkpoint)
    {
        Config.Validate();
        var data = all.Split(Config.ValidationFraction, Config.Seed);
        var saved = TrainingCheckpoint.Read(path);
        saved.EnsureMatches(path, Config, RunFingerprint.Of(Config, data),
            FullyConnectedNetwork.CountParameters(Config.Architecture, data.Dimension, Config.Width, data.Outputs));
        var setup = TrainingSetup.Restore(Config, data, saved.Setup);
        var network = setup.CreateNetwork();
        network.RestoreParameters(saved.State.Parameters);
        if (double.IsNaN(saved.State.StepSize))
        {
            saved.State.StepSize = setup.StepSize;
        }
        List<string> warnings = [.. setup.Warnings];
        if (!saved.InitialResidual.AsSpan().SequenceEqual(setup.InitialResidual.AsColumnMajorArray()))
        {
            warnings.Add("The initial residual recomputed on resume differs in its last bits from the checkpoint's (another machine or runtime); the continuation is not bit-identical to an uninterrupted run.");
        }

        return Execute(setup, network, saved.State, warnings, progress, cancellationToken, checkpoint, saved.State.Step);
    }

    private static TrainingResult Execute(TrainingSetup setup, FullyConnectedNetwork network, RunState state, List<string> warnings, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken, CheckpointOptions? checkpoint, int? resumedFrom)
    {
        foreach (var warning in warnings)
        {
            progress?.Report(new TrainingProgress(0, warning, null));
        }

        var rule = CreateStepRule(setup, network, state);
        var outcome = new TrainingLoop(setup, network, state, rule, warnings, progress, cancellationToken, checkpoint).Run();
        foreach (var warning in AfterTraining(setup, state, outcome))
        {
            warnings.Add(warning);
            progress?.Report(new TrainingProgress(outcome.Steps, warning, null));
        }

        var data = setup.Data;
        return new TrainingResult(network, outcome.Steps, outcome.Reason, state.StepSize, setup.PredictedSteps, setup.Resolution,
            setup.Info, state.Records, [.. warnings.Distinct()], setup.InitialResidual, outcome.FinalResidual, resumedFrom)
        {
            StepSizeChanges = state.StepSizeChanges,
            KeptStep = outcome.KeptStep,
            PredictionIsLowerBound = setup.PredictionIsLowerBound,
            Milestones = state.Milestones,
            Momentum = setup.Momentum,
            Path = setup.Spectrum.Path,
            Subsample = setup.Spectrum.Nystrom?.Indices.Length,
            SetupPhases = setup.Phases,
            TrainClassification = data.Classes is { } classes ? ClassificationMetrics.Evaluate(classes, outcome.FinalResidual + data.Labels) : null,
            TestClassification = data.TestClasses is { } testClasses ? ClassificationMetrics.Evaluate(testClasses, network.PredictOutputs(data.TestX!)) : null,
        };
    }

    // What a run that spent its budget should know: why it did not converge, when the setup can say. A prediction that is
    // only a lower bound, a classification trained for its accuracy and a run whose step was reduced promise no step count.
    private static IEnumerable<string> AfterTraining(TrainingSetup setup, RunState state, Outcome outcome)
    {
        // Tolerance 0 asks for the whole budget: not converging is the request, not a fault.
        if (outcome.Reason != StopReason.StepBudget || setup.Config.Tolerance == 0)
        {
            yield break;
        }

        if (setup.ResolutionWarning is { } unresolved)
        {
            yield return unresolved;
        }
        else if (setup.PredictedSteps <= setup.Config.Steps && !setup.PredictionIsLowerBound && setup.Data.Classes is null && state.StepSizeChanges.Count == 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Not converged in {setup.Config.Steps} steps although kernel theory predicts {setup.PredictedSteps}; the network is probably too narrow (see Resolution).");
        }
    }

    private static IStepRule CreateStepRule(TrainingSetup setup, FullyConnectedNetwork network, RunState state)
    {
        var config = setup.Config;
        var data = setup.Data;
        if (!setup.StepsOnMiniBatches)
        {
            return new FullBatchStep(network, data.Points, setup.Spectrum.Preconditioner, setup.Momentum, state);
        }

        return new MiniBatchStep(network, data.Points, data.Labels, config.BatchSize, new BatchOrder(state, data.Count, config.Seed),
            setup.CreateCorrection(network), state);
    }
}
