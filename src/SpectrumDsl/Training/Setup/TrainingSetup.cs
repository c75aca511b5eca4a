using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Training.MiniBatch;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// Everything a run needs before its first step, made once from configuration and data and never changed afterwards:
/// the initial network, the path and its spectrum (S and the recorded directions), the step plan, the resolution check,
/// the warnings and the fingerprint. EigenPro's shape: the preconditioner is built here, the loop only applies it to
/// a network of its own (<see cref="CreateNetwork"/>).
/// </summary>
internal sealed class TrainingSetup
{
    private readonly FullyConnectedNetwork initialNetwork;

    private TrainingSetup(TrainerConfig config, TrainingData data, ISetupPath path, FullyConnectedNetwork network, TrainingSpectrum spectrum, PreconditionerInfo info,
        StepPlan plan, NtkResolution resolution, IReadOnlyList<string> warnings, Matrix<double> initialResidual, IReadOnlyList<SetupPhase> phases)
    {
        Config = config;
        Data = data;
        Path = path;
        initialNetwork = network;
        Spectrum = spectrum;
        Info = info;
        Plan = plan;
        Resolution = resolution;
        Warnings = warnings;
        Fingerprint = RunFingerprint.Of(config, data);
        InitialResidual = initialResidual;
        Phases = phases;
    }

    public TrainerConfig Config { get; }

    public TrainingData Data { get; }

    /// <summary>The exact or Nystrom path the run takes.</summary>
    public ISetupPath Path { get; }

    public TrainingSpectrum Spectrum { get; }

    /// <summary>The spectrum's numbers with the network's own operator measured against them.</summary>
    public PreconditionerInfo Info { get; }

    /// <summary>Step size, momentum and kernel theory's prediction.</summary>
    public StepPlan Plan { get; }

    /// <summary>eta.</summary>
    public double StepSize => Plan.StepSize;

    /// <summary>The heavy-ball mu the run uses (0: none).</summary>
    public double Momentum => Plan.Momentum;

    /// <summary>Kernel gradient descent's steps to the tolerance (same Gram, S, eta, R_0), or null.</summary>
    public int? PredictedSteps => Plan.PredictedSteps;

    /// <summary>True when the prediction used only the top eigenpairs (a lower bound on the steps).</summary>
    public bool PredictionIsLowerBound => Plan.PredictionIsLowerBound;

    public NtkResolution Resolution { get; }

    /// <summary>Warnings found before training (reported before the first step), each once.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public RunFingerprint Fingerprint { get; }

    /// <summary>R_0 = F_0(X) - Y with the network's own initial output, n x c.</summary>
    public Matrix<double> InitialResidual { get; }

    /// <summary>
    /// The resolution check's warning when the width does not resolve the target, or null: given only with a run that
    /// did not converge, which it then explains (a run that converged needs no prediction of slowness).
    /// </summary>
    public string? ResolutionWarning { get; private init; }

    /// <summary>Where the setup's time went, in order (empty for a setup restored from a checkpoint).</summary>
    public IReadOnlyList<SetupPhase> Phases { get; }

    /// <summary>True when the run steps on mini-batches (0 &lt; b &lt; n).</summary>
    public bool StepsOnMiniBatches => IsMiniBatch(Config, Data.Count);

    /// <summary>True when <paramref name="config"/> makes a run on <paramref name="count"/> points step on mini-batches.</summary>
    public static bool IsMiniBatch(TrainerConfig config, int count) => config.BatchSize > 0 && config.BatchSize < count;

    /// <summary>A network with the initial parameters, for a run to train (the setup's own is never trained).</summary>
    public FullyConnectedNetwork CreateNetwork() => initialNetwork.Clone();

    /// <summary>S restricted to a mini-batch for <paramref name="network"/> (mini-batch PGD), or null.</summary>
    public BatchCorrection? CreateCorrection(FullyConnectedNetwork network) => CorrectionFor(Config, Data, Path, Spectrum, network);

    /// <summary>Validates the configuration against the data, then builds the network, the spectrum, the step plan and the reports.</summary>
    public static TrainingSetup Prepare(TrainerConfig config, TrainingData data)
    {
        var path = CheckAgainstData(config, data);
        var warnings = new List<string>();
        var clock = new SetupClock();
        var conflict = clock.Time("duplicate points", () => DuplicatePoints.Warning(DuplicatePoints.Conflicts(data.X, data.Labels), data.Labels));
        if (conflict is not null)
        {
            warnings.Add(conflict);
        }

        var network = clock.Time("network", () => NewNetwork(config, data));
        var built = path.Build(config, data, network, warnings, clock);
        var correction = clock.Time("mini-batch correction", () => CorrectionFor(config, data, path, built.Spectrum, network));
        var bounds = OperatorBounds.Measure(config, data, network, built, correction, clock);
        var r0 = clock.Time("initial residual", () => InitialResidualOf(network, data));
        var plan = StepPlan.Choose(config, bounds, built.Spectrum, built.KernelTheory, r0, IsMiniBatch(config, data.Count), clock);
        warnings.AddRange(plan.Warnings);
        if (IsMiniBatch(config, data.Count) && MiniBatchLimits.Warning(config, built.Info, built.Resolution) is { } limit)
        {
            warnings.Add(limit);
        }

        // A label jump at a duplicated point has energy at every frequency: that is the conflict's fault, not the width's.
        var resolutionWarning = conflict is null ? ResolutionWarningOf(built.Resolution, config) : null;
        return new TrainingSetup(config, data, path, network, built.Spectrum, built.Info, plan, built.Resolution, [.. warnings.Distinct()], r0, clock.Phases)
        {
            ResolutionWarning = resolutionWarning,
        };
    }

    /// <summary>The path a run on <paramref name="count"/> points takes: the configured one, or by <see cref="TrainerConfig.ExactPathLimit"/>.</summary>
    public static TrainingPath ChoosePath(TrainerConfig config, int count) => config.Path switch
    {
        TrainingPath.Automatic => count <= SettingRules.ExactPathLimit ? TrainingPath.Exact : TrainingPath.Nystrom,
        var path => path,
    };

    /// <summary>
    /// The setup of a run continued from a checkpoint: the network from the seed, the spectrum, step plan and
    /// reports as the checkpoint kept them (so S is the one the run trained with, whatever the eigen backend).
    /// </summary>
    public static TrainingSetup Restore(TrainerConfig config, TrainingData data, Checkpoints.SetupRecord saved)
    {
        var path = CheckAgainstData(config, data);
        var spectrum = TrainingSpectrum.FromTop(config, saved.Top, data.Labels, saved.Nystrom(data.X));
        var network = NewNetwork(config, data);
        var info = spectrum.Info with { NetworkMaxEigenvalue = saved.NetworkMaxEigenvalue, RealisableSpeedupShare = saved.RealisableSpeedupShare };
        var plan = new StepPlan(saved.StepSize, saved.Momentum, saved.PredictedSteps, saved.PredictionIsLowerBound, []);
        var resolutionWarning = ResolutionWarningOf(saved.Resolution, config);
        // Checkpoints of earlier versions kept the resolution warning among the setup's.
        return new TrainingSetup(config, data, path, network, spectrum, info, plan, saved.Resolution, [.. saved.Warnings.Where(warning => warning != resolutionWarning)],
            InitialResidualOf(network, data), [])
        {
            ResolutionWarning = resolutionWarning,
        };
    }

    private static string? ResolutionWarningOf(NtkResolution resolution, TrainerConfig config) =>
        resolution.IsResolved ? null : ResolutionCheck.Warning(resolution, config.Tolerance);

    private static BatchCorrection? CorrectionFor(TrainerConfig config, TrainingData data, ISetupPath path, TrainingSpectrum spectrum, FullyConnectedNetwork network) =>
        IsMiniBatch(config, data.Count) && spectrum.Modification is not null ? path.CreateCorrection(network, data.Points, spectrum) : null;

    private static Matrix<double> InitialResidualOf(FullyConnectedNetwork network, TrainingData data) =>
        network.PredictOutputs(data.Points) - data.Labels;

    private static FullyConnectedNetwork NewNetwork(TrainerConfig config, TrainingData data) =>
        FullyConnectedNetwork.Create(config.Architecture, data.Dimension, config.Width, config.Seed, data.Outputs);

    // Validates the configuration against the data and returns the path the run takes.
    private static ISetupPath CheckAgainstData(TrainerConfig config, TrainingData data)
    {
        config.Validate();
        Guard.InRange(config.BatchSize, 0, data.Count, nameof(config.BatchSize),
            $"BatchSize cannot exceed the number of training points n = {data.Count} (use 0 for full batch).");
        if (config.Momentum != 0 && IsMiniBatch(config, data.Count))
        {
            // Heavy ball's rule and its kernel prediction assume one fixed operator; each batch has its own.
            throw new ArgumentException(
                $"Momentum {Guard.Format(config.Momentum)} needs full-batch training but BatchSize is {config.BatchSize} < n = {data.Count}; use BatchSize = 0 with momentum, or Momentum = 0 with mini-batches.",
                nameof(config.Momentum));
        }

        ISetupPath path = ChoosePath(config, data.Count) == TrainingPath.Exact ? ExactSetupPath.Instance : NystromSetupPath.Instance;
        path.Validate(config, data.Count);
        return path;
    }
}
