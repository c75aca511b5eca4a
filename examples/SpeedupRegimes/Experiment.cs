using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Regression;
using SpectrumDsl.Training;

namespace SpeedupRegimes;

/// <summary>One degree of one activation: kernel theory's step counts always, the network's where its width resolves the target.</summary>
public sealed record DegreeResult(
    int Degree,
    int Rank,
    bool Resolved,
    int? GdSteps,
    int? PgdSteps,
    bool? GdConverged,
    bool? PgdConverged,
    int? PredictedGdSteps,
    int? PredictedPgdSteps,
    double? MeasuredSpeedup,
    double? PredictedSpeedup,
    double ConditionRatio,
    double UnresolvedEnergy,
    int? RequiredWidth);

/// <summary>All degrees of one activation.</summary>
public sealed record Regime(Activation Activation, NetworkArchitecture Architecture, IReadOnlyList<DegreeResult> Rows);

/// <summary>
/// For each degree D: flatten the top 2D + 1 eigenvalues (degrees 0..D) and learn cos(D theta) with GD and PGD, on the
/// network where the trainer's resolution check passes and in kernel theory's closed form at every degree.
/// </summary>
public sealed class Experiment(Settings settings)
{
    /// <summary>Kernel theory counts steps far beyond any network budget: Erf's GD needs about 4^D of them.</summary>
    private const int PredictionCap = int.MaxValue;

    public Matrix<double> TrainX { get; } = Sphere.Sample(settings.Samples, Settings.Dimension, settings.Seed);

    public Regime Run(Activation activation, Func<string, IProgress<TrainingProgress>> progress, CancellationToken cancellation)
    {
        var architecture = new NetworkArchitecture(activation, Settings.Depth, Settings.Bias);
        var gram = architecture.Ntk().Gram(TrainX);
        var rows = new List<DegreeResult>();
        for (var degree = 1; degree <= settings.MaxDegree; degree++)
        {
            cancellation.ThrowIfCancellationRequested();
            rows.Add(RunDegree(architecture, gram, degree, progress, cancellation));
        }

        return new Regime(activation, architecture, rows);
    }

    /// <summary>The training configuration of one degree: its top 2D + 1 eigenvalues flattened, the command line's settings.</summary>
    public TrainerConfig Config(NetworkArchitecture architecture, int degree) => new()
    {
        Width = settings.Width,
        Architecture = architecture,
        Rank = Settings.Rank(degree),
        Target = SpectrumTarget.FlattenTop,
        Tolerance = settings.Tolerance,
        Steps = settings.MaxSteps,
        Seed = settings.Seed,
        RecordInterval = Math.Max(1, settings.MaxSteps / 200),
        LearningRate = settings.LearningRate,
        OnDivergence = settings.OnDivergence,
    };

    private DegreeResult RunDegree(NetworkArchitecture architecture, Matrix<double> gram, int degree,
        Func<string, IProgress<TrainingProgress>> progress, CancellationToken cancellation)
    {
        var rank = Settings.Rank(degree);
        var y = Sphere.ZonalHarmonic(TrainX, degree, Sphere.NorthPole(Settings.Dimension));
        var config = Config(architecture, degree);
        // One step measures what a run knows before it trains: the resolution check and the initial residual
        // y - f_0 of the network this seed makes, which kernel theory then starts from.
        var probe = new Trainer(config with { Optimizer = Optimizer.GradientDescent, Steps = 1 }).Run(TrainX, y, cancellationToken: cancellation);
        var r0 = probe.InitialResidual;
        var preconditioner = new SpectrumSpec(architecture.Ntk(), SpectrumTarget.FlattenTop, rank).BuildPreconditioner(TrainX);
        var predictedGd = KernelGradientDescent.Create(gram).StepsToTolerance(r0, settings.Tolerance, PredictionCap);
        var predictedPgd = KernelGradientDescent.Create(gram, preconditioner).StepsToTolerance(r0, settings.Tolerance, PredictionCap);
        double? predictedSpeedup = predictedGd is int pg && predictedPgd is int pp ? (double)pg / Math.Max(pp, 1) : null;
        var resolution = probe.Resolution;
        var conditionRatio = probe.Preconditioner.ConditionRatio;
        if (!resolution.IsResolved)
        {
            return new DegreeResult(degree, rank, false, null, null, null, null, predictedGd, predictedPgd, null, predictedSpeedup,
                conditionRatio, resolution.UnresolvedEnergy, resolution.RequiredWidth);
        }

        var label = $"{architecture.ActivationName} degree {degree}";
        var gd = Train(config with { Optimizer = Optimizer.GradientDescent }, $"{label}, GD");
        cancellation.ThrowIfCancellationRequested();
        var pgd = Train(config with { Optimizer = Optimizer.Preconditioned }, $"{label}, PGD");
        double? measured = gd.Converged && pgd.Converged ? (double)gd.StepsTaken / Math.Max(pgd.StepsTaken, 1) : null;
        return new DegreeResult(degree, rank, true, gd.StepsTaken, pgd.StepsTaken, gd.Converged, pgd.Converged, predictedGd, predictedPgd,
            measured, predictedSpeedup, conditionRatio, resolution.UnresolvedEnergy, resolution.RequiredWidth);

        TrainingResult Train(TrainerConfig run, string name)
        {
            var reporter = progress(name);
            try
            {
                return new Trainer(run).Run(TrainX, y, progress: reporter, cancellationToken: cancellation);
            }
            finally
            {
                (reporter as IDisposable)?.Dispose();
            }
        }
    }
}
