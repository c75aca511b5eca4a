using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Networks;
using SpectrumDsl.Training.Checkpoints;
using SpectrumDsl.Training.Setup;

namespace SpectrumDsl.Training.Loop;

/// <summary>How a run ended.</summary>
/// <param name="Steps">Updates made.</param>
/// <param name="Reason">Why it stopped.</param>
/// <param name="FinalResidual">R of the network returned (n x c).</param>
/// <param name="KeptStep">With a validation set, the record step whose parameters the network holds.</param>
internal sealed record Outcome(int Steps, StopReason Reason, Matrix<double> FinalResidual, int? KeptStep = null);

/// <summary>
/// The loop: between steps it honours cancellation and saves checkpoints; it evaluates the whole training
/// set when the step rule needs it, at record steps, once per epoch and at the last step (divergence,
/// convergence and a training-accuracy target are checked there, a test-accuracy target at records);
/// otherwise it hands each step to the <see cref="IStepRule"/>.
/// </summary>
internal sealed class TrainingLoop
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TrainingSetup setup;
    private readonly RunState state;
    private readonly IStepRule rule;
    private readonly IProgress<TrainingProgress>? progress;
    private readonly CancellationToken cancellation;
    private readonly CheckpointOptions? checkpoint;
    private readonly FullyConnectedNetwork network;
    private readonly DivergenceMonitor monitor;
    private readonly TrainingRecorder recorder;
    private readonly TimeSpan elapsedBefore;
    private readonly int startStep;
    private readonly double[] labels;

    private readonly List<string> warnings;
    private readonly ValidationLoss? validation;

    public TrainingLoop(TrainingSetup setup, FullyConnectedNetwork network, RunState state, IStepRule rule, List<string> warnings, IProgress<TrainingProgress>? progress,
        CancellationToken cancellation, CheckpointOptions? checkpoint)
    {
        this.setup = setup;
        this.network = network;
        this.state = state;
        this.rule = rule;
        this.warnings = warnings;
        this.progress = progress;
        this.cancellation = cancellation;
        this.checkpoint = checkpoint;
        monitor = new DivergenceMonitor(state, network, setup.Config, warnings);
        recorder = new TrainingRecorder(setup, network);
        validation = setup.Data.ValidationX is { } validationX ? new ValidationLoss(network, validationX, setup.Data.ValidationLabels!) : null;
        elapsedBefore = TimeSpan.FromTicks(state.ElapsedTicks);
        startStep = state.Step;
        labels = setup.Data.Labels.AsColumnMajorArray() ?? setup.Data.Labels.ToColumnMajorArray();
    }

    private TimeSpan Elapsed => elapsedBefore + clock.Elapsed;

    public Outcome Run()
    {
        var config = setup.Config;
        var n = setup.Data.Count;
        var passes = new TrainingSetPasses(network, setup.Data.Points);
        var outputs = new double[n * network.OutputCount];
        var residual = new double[outputs.Length];
        var evaluateEvery = config.BatchSize > 0 ? (n + config.BatchSize - 1) / config.BatchSize : 1;
        for (var t = startStep; ; t++)
        {
            if (BetweenSteps(t))
            {
                Evaluate(passes, outputs, residual);
                return new Outcome(t, StopReason.Cancelled, ToMatrix(residual));
            }

            var recordDue = t % config.RecordInterval == 0;
            if (rule.UsesFullResidual || recordDue || t % evaluateEvery == 0 || t == config.Steps)
            {
                Evaluate(passes, outputs, residual);
                var squares = Residuals.SquaredNorm(residual);
                if (t == 0)
                {
                    state.InitialNorm = Math.Sqrt(squares);
                }

                var verdict = monitor.Observe(t, 0.5 * squares / n);
                if (verdict != DivergenceMonitor.Verdict.Continue)
                {
                    Report(warnings[^1], t);
                    Evaluate(passes, outputs, residual);
                    squares = Residuals.SquaredNorm(residual);
                    if (verdict == DivergenceMonitor.Verdict.GiveUp)
                    {
                        Record(t, outputs, residual, Math.Sqrt(squares));
                        return Finish(t, StopReason.Diverged, passes, outputs, residual);
                    }
                }

                var norm = Math.Sqrt(squares);
                MarkMilestones(t, norm);
                StopReason? reason = norm <= config.Tolerance * state.InitialNorm ? StopReason.Tolerance
                    : TrainAccuracyReached(outputs) ? StopReason.TrainAccuracy
                    : t == config.Steps ? StopReason.StepBudget
                    : null;
                if (reason is not null || recordDue)
                {
                    var record = Record(t, outputs, residual, norm);
                    if (reason is null && config.StopAtTestAccuracy > 0 && record.TestAccuracy >= config.StopAtTestAccuracy)
                    {
                        reason = StopReason.TestAccuracy;
                    }

                    if (reason is null && validation is not null && config.Patience > 0 && state.RecordsSinceBest >= config.Patience)
                    {
                        reason = StopReason.Patience;
                    }
                }

                if (reason is { } stop)
                {
                    return Finish(t, stop, passes, outputs, residual);
                }
            }

            rule.Step(passes, residual);
        }
    }

    // With a validation set the run returns the parameters of its best record, and the residual of those.
    private Outcome Finish(int step, StopReason reason, TrainingSetPasses passes, double[] outputs, double[] residual)
    {
        if (validation is null || state.BestValidationStep < 0)
        {
            return new Outcome(step, reason, ToMatrix(residual));
        }

        if (state.BestValidationStep != step)
        {
            network.RestoreParameters(state.BestValidationParameters);
            Evaluate(passes, outputs, residual);
        }

        return new Outcome(step, reason, ToMatrix(residual), state.BestValidationStep);
    }

    private void Evaluate(TrainingSetPasses passes, double[] outputs, double[] residual)
    {
        passes.Outputs(outputs);
        Residuals.Subtract(outputs, labels, residual);
    }

    /// <summary>
    /// Between steps (the network holds the parameters after <paramref name="step"/> updates): saves a
    /// checkpoint when due or on cancellation, and reports whether the run was cancelled.
    /// </summary>
    private bool BetweenSteps(int step)
    {
        var cancelled = cancellation.IsCancellationRequested;
        if (checkpoint is not null && (cancelled || (step > startStep && step % checkpoint.Interval == 0 && step < setup.Config.Steps)))
        {
            state.Step = step;
            state.Parameters = network.CopyParameters();
            state.ElapsedTicks = Elapsed.Ticks;
            TrainingCheckpoint.Write(setup, state, checkpoint);
        }

        return cancelled;
    }

    /// <summary>Keeps the parameters at every decade 10^-j &gt; Tolerance that the relative residual has now reached.</summary>
    private void MarkMilestones(int step, double norm)
    {
        for (var decade = ToleranceMilestone.Decade(state.Milestones.Count + 1);
             decade > setup.Config.Tolerance && norm <= decade * state.InitialNorm;
             decade = ToleranceMilestone.Decade(state.Milestones.Count + 1))
        {
            state.Milestones.Add(new ToleranceMilestone(decade, step, norm / state.InitialNorm, network.CopyParameters()));
        }
    }

    private bool TrainAccuracyReached(double[] outputs) =>
        setup.Config.StopAtTrainAccuracy > 0 && setup.Data.Classes is { } classes
        && ClassLabels.CountCorrect(outputs, classes.Count, network.OutputCount, classes) >= setup.Config.StopAtTrainAccuracy * classes.Count;

    private TrainingRecord Record(int step, double[] outputs, double[] residual, double norm)
    {
        var previous = state.Records.Count > 0 ? state.Records[^1].Step : -1;
        var record = recorder.Record(step, outputs, residual, norm, state.InitialNorm, state.StepSize, Elapsed) with
        {
            StepSizeReduced = state.StepSizeChanges.Any(change => change.Step > previous && change.Step <= step),
            ValidationLoss = validation?.Measure(),
        };
        if (record.ValidationLoss is { } loss)
        {
            KeepIfBest(step, loss);
        }

        state.Records.Add(record);
        progress?.Report(new TrainingProgress(step, TrainingRecorder.Describe(record), record));
        return record;
    }

    private void KeepIfBest(int step, double loss)
    {
        if (loss < state.BestValidationLoss)
        {
            state.BestValidationLoss = loss;
            state.BestValidationStep = step;
            // One buffer for the run: the copy is made at every improving record.
            if (state.BestValidationParameters.Length != network.ParameterCount)
            {
                state.BestValidationParameters = new double[network.ParameterCount];
            }

            network.CopyParametersTo(state.BestValidationParameters);
            state.RecordsSinceBest = 0;
        }
        else
        {
            state.RecordsSinceBest++;
        }
    }

    private void Report(string message, int step) => progress?.Report(new TrainingProgress(step, message, null));

    private Matrix<double> ToMatrix(double[] residual) =>
        Matrix<double>.Build.Dense(setup.Data.Count, network.OutputCount, (double[])residual.Clone());
}
