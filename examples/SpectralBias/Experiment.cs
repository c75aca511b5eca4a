using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;
using SpectrumDsl.Training.Checkpoints;

namespace SpectralBias;

/// <summary>One frequency's GD and PGD runs, measured and predicted.</summary>
public sealed record FrequencyResult(
    int Frequency,
    int GdSteps,
    int PgdSteps,
    int? PredictedGdSteps,
    int? PredictedPgdSteps,
    double MeasuredSpeedup,
    double? PredictedSpeedup,
    double TargetShareInTopK,
    double GdTestError,
    double PgdTestError,
    bool GdConverged,
    bool PgdConverged,
    IReadOnlyList<SameSolutionRow> SameSolution,
    MomentumResult Momentum,
    IReadOnlyList<string> Warnings,
    TrainingResult Gd,
    TrainingResult Pgd);

/// <summary>PGD with automatic heavy-ball momentum (docs/design.md#momentum) against plain PGD on the same frequency.</summary>
public sealed record MomentumResult(double Mu, double StepSize, int Steps, int? PredictedSteps, bool Converged, double Speedup, double? PredictedSpeedup, TrainingResult Run);

/// <summary>
/// Trains GD and PGD on the zonal harmonic of each frequency with the attribute-declared
/// spectrum (overridden by the command line) and compares with kernel GD's closed form.
/// </summary>
public sealed class Experiment
{
    private readonly Settings settings;

    public Experiment(Settings settings)
    {
        this.settings = settings;
        TrainX = Sphere.Sample(settings.Samples, settings.Dimension, settings.Seed);
        TestX = Sphere.Sample(settings.TestPoints, settings.Dimension, settings.Seed + 1);
        // The declared configuration, with the command line's overrides.
        BaseConfig = FlattenedNtk.TrainerConfig with
        {
            Width = settings.Width,
            Architecture = NetworkArchitecture.Relu(settings.Depth, settings.Bias),
            Rank = settings.Rank,
            Tolerance = settings.Tolerance,
            Steps = settings.MaxSteps,
            Seed = settings.Seed,
            RecordInterval = Math.Max(1, settings.MaxSteps / 2000),
            LearningRate = settings.LearningRate,
            OnDivergence = settings.OnDivergence,
        };
        // The same spectrum as the declaration, on the kernel the command line asks for.
        Spec = new SpectrumSpec(BaseConfig.Architecture.Ntk(), FlattenedNtk.Spec.Target, settings.Rank);
    }

    public Matrix<double> TrainX { get; }

    public Matrix<double> TestX { get; }

    public TrainerConfig BaseConfig { get; }

    /// <summary>
    /// PGD's record interval: every step up to a budget of <see cref="MaxPgdRecords"/> steps. PGD typically stops
    /// after a handful of steps, and a curve of two points (step 0 and the last) would show nothing of them; GD keeps
    /// <see cref="TrainerConfig.RecordInterval"/> of <see cref="BaseConfig"/>, about 2000 records over its budget.
    /// </summary>
    public static int PgdRecordInterval(int maxSteps) => Math.Max(1, maxSteps / MaxPgdRecords);

    /// <summary>The most records a PGD run keeps (each holds k projections: a few megabytes at most).</summary>
    public const int MaxPgdRecords = 20000;

    public SpectrumSpec Spec { get; }

    public FrequencyResult Run(int frequency, Func<string, IProgress<TrainingProgress>> progress, CancellationToken cancellation)
    {
        var pole = Sphere.NorthPole(settings.Dimension);
        var y = Sphere.ZonalHarmonic(TrainX, frequency, pole);
        var testY = Sphere.ZonalHarmonic(TestX, frequency, pole);
        var gd = Train(Optimizer.GradientDescent, "gd");
        // An interrupted run has saved its state; starting the next one would only delay the exit.
        cancellation.ThrowIfCancellationRequested();
        var pgd = Train(Optimizer.Preconditioned, "pgd", recordInterval: PgdRecordInterval(settings.MaxSteps));
        cancellation.ThrowIfCancellationRequested();
        var heavy = Train(Optimizer.Preconditioned, "pgd-momentum", TrainerConfig.AutomaticMomentum);
        cancellation.ThrowIfCancellationRequested();

        var gdTest = gd.Predict(TestX);
        var pgdTest = pgd.Predict(TestX);
        double? predicted = gd.PredictedSteps is int p && pgd.PredictedSteps is int q ? (double)p / Math.Max(q, 1) : null;
        return new FrequencyResult(
            frequency,
            gd.StepsTaken,
            pgd.StepsTaken,
            gd.PredictedSteps,
            pgd.PredictedSteps,
            (double)gd.StepsTaken / Math.Max(pgd.StepsTaken, 1),
            predicted,
            pgd.Preconditioner.TargetShareInTopK,
            (gdTest - testY).L2Norm() / testY.L2Norm(),
            (pgdTest - testY).L2Norm() / testY.L2Norm(),
            gd.Converged,
            pgd.Converged,
            SameSolution.Rows(frequency, settings.Tolerance, SameSolution.Limit(BaseConfig, TrainX, y, TestX), TestX, gd, pgd),
            new MomentumResult(heavy.Momentum, heavy.StepSize, heavy.StepsTaken, heavy.PredictedSteps, heavy.Converged,
                (double)pgd.StepsTaken / Math.Max(heavy.StepsTaken, 1),
                pgd.PredictedSteps is int plain && heavy.PredictedSteps is int fast ? (double)plain / Math.Max(fast, 1) : null, heavy),
            gd.Warnings.Concat(pgd.Warnings).Concat(heavy.Warnings).Distinct().ToArray(),
            gd,
            pgd);

        TrainingResult Train(Optimizer optimizer, string name, double momentum = 0, int? recordInterval = null)
        {
            var reporter = progress($"frequency {frequency}, {name.ToUpperInvariant()}");
            var trainer = new Trainer(BaseConfig with { Optimizer = optimizer, Momentum = momentum, RecordInterval = recordInterval ?? BaseConfig.RecordInterval });
            CheckpointOptions? checkpoint = null;
            if (settings.CheckpointFolder is { } folder)
            {
                Directory.CreateDirectory(folder);
                checkpoint = new CheckpointOptions(Path.Combine(folder, $"frequency-{frequency}-{name}.ckpt"), settings.CheckpointInterval);
            }

            try
            {
                return settings.Resume && checkpoint is not null && File.Exists(checkpoint.Path)
                    ? trainer.Resume(checkpoint.Path, TrainX, y, TestX, testY, reporter, cancellation, checkpoint)
                    : trainer.Run(TrainX, y, TestX, testY, reporter, cancellation, checkpoint);
            }
            finally
            {
                (reporter as IDisposable)?.Dispose();
            }
        }
    }
}
