using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Training;

/// <summary>
/// Everything a run needs before its first step, made once from configuration and data: the initial
/// network, the spectrum (S and the recorded directions), the step size, kernel theory's prediction, the
/// resolution check, the warnings and the fingerprint. EigenPro's shape: the preconditioner is built here,
/// the loop only applies it.
/// </summary>
internal sealed class TrainingSetup
{
    /// <summary>
    /// Up to this many points the Gram is decomposed fully (exact predictions); above, only its top k + 1
    /// eigenpairs are computed (block Lanczos), which is all S needs, and kernel theory's step counts become
    /// lower bounds (see <see cref="KernelGradientDescent.FromEigenpairs"/>).
    /// </summary>
    public const int FullDecompositionLimit = 1000;

    private TrainingSetup(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, TrainingSpectrum spectrum, PreconditionerInfo info, double stepSize,
        double momentum, int? predictedSteps, bool predictionIsLowerBound, NtkResolution resolution, IReadOnlyList<string> warnings, Matrix<double> initialResidual)
    {
        PredictionIsLowerBound = predictionIsLowerBound;
        Config = config;
        Data = data;
        Network = network;
        Spectrum = spectrum;
        Info = info;
        StepSize = stepSize;
        Momentum = momentum;
        PredictedSteps = predictedSteps;
        Resolution = resolution;
        Warnings = warnings;
        Fingerprint = RunFingerprint.Of(config, data);
        InitialResidual = initialResidual;
    }

    public TrainerConfig Config { get; }

    public TrainingData Data { get; }

    /// <summary>The network at initialisation (training moves its parameters).</summary>
    public FullyConnectedNetwork Network { get; }

    public TrainingSpectrum Spectrum { get; }

    /// <summary>The spectrum's numbers with the network's own operator measured against them.</summary>
    public PreconditionerInfo Info { get; }

    /// <summary>eta.</summary>
    public double StepSize { get; }

    /// <summary>The heavy-ball mu the run uses (0: none), resolved from <see cref="TrainerConfig.Momentum"/> by <see cref="MomentumRule"/>.</summary>
    public double Momentum { get; }

    /// <summary>Kernel gradient descent's steps to the tolerance (same Gram, S, eta, R_0), or null.</summary>
    public int? PredictedSteps { get; }

    /// <summary>True when the prediction used only the top eigenpairs (a lower bound on the steps).</summary>
    public bool PredictionIsLowerBound { get; }

    public NtkResolution Resolution { get; }

    /// <summary>Warnings found before training (reported before the first step).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public RunFingerprint Fingerprint { get; }

    /// <summary>R_0 = F_0(X) - Y with the network's own initial output, n x c.</summary>
    public Matrix<double> InitialResidual { get; }

    /// <summary>Validates rank and batch size against the data, then builds the network, the eigenpairs, S and the reports.</summary>
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

        var network = clock.Time("network", () => CreateNetwork(config, data));
        var built = path == TrainingPath.Exact ? BuildExact(config, data, network, warnings, clock) : BuildNystrom(config, data, network, warnings, clock);
        var spectrum = built.Spectrum;
        var info = built.Info;

        // Full-batch kernel theory's step (the prediction's) and the run's step: mini-batches step with their batch
        // operator, K[B, B] for GD and (K S)[B, B] for PGD and the network's counterparts, whose top parts shrink like
        // b / n (EigenPro 2's larger steps for batches; docs/design.md#mini-batch). Except mini-batch PGD on the exact
        // path: its correction is frozen at J_0 while J_B moves, and the cancellation of K's top it relies on drifts
        // (measured: a three-output network diverged at 1.4 times the full-batch step that the subsample correction,
        // taken at the current weights, trains with).
        var fullMax = Math.Max(spectrum.MaxEigenvalueOfKS, info.NetworkMaxEigenvalue);
        var miniBatch = IsMiniBatch(config, data);
        var correction = clock.Time("mini-batch correction", () => CreateCorrection(config, data, network, spectrum));
        var batchStep = miniBatch && (correction is null or SubsampleBatchCorrection);
        var networkMax = batchStep
            ? Math.Min(info.NetworkMaxEigenvalue, clock.Time("network batch operator (Lanczos)",
                () => BatchOperatorEstimate.Measure(network, data.Points, config.BatchSize, config.Seed, correction)))
            : info.NetworkMaxEigenvalue;
        // The kernel's batch operator is at most lambda_max(K S), so it can only decide an automatic step the network's
        // does not already exceed; an explicit rate is always checked against it.
        var kernelDecides = config.LearningRate != 0 || networkMax < spectrum.MaxEigenvalueOfKS;
        var kernelMax = batchStep && kernelDecides
            ? Math.Min(spectrum.MaxEigenvalueOfKS, clock.Time("kernel batch operator",
                () => TrainingSpectrum.BatchOperatorMax(config.Architecture.Ntk(), data.X, config.BatchSize, config.Seed, spectrum.Modification)))
            : spectrum.MaxEigenvalueOfKS;
        var r0 = clock.Time("initial residual", () => InitialResidualOf(network, data));
        // Kernel theory at its own stable step; the run's step and momentum are applied to it below.
        var theory = built.KernelTheory(1.0 / spectrum.MaxEigenvalueOfKS);
        var mu = MomentumRule.Resolve(config, kernelMax, networkMax, () => theory.SmallestRateThatMatters(r0, config.Tolerance), warnings);
        var eta = StepSizeRule.Choose(config, kernelMax, networkMax, mu, warnings);
        var predictionStep = miniBatch && config.LearningRate == 0 ? 1.0 / fullMax : eta;
        var kernelDescent = HeavyBall.IsStable(predictionStep, mu, spectrum.MaxEigenvalueOfKS)
            ? theory.WithMomentum(mu, predictionStep)
            : null;
        var predicted = clock.Time("kernel prediction", () => kernelDescent?.StepsToTolerance(r0, config.Tolerance, config.Steps));
        // A label jump at a duplicated point has energy at every frequency: that is the conflict's fault, not the width's.
        if (!built.Resolution.IsResolved && conflict is null)
        {
            warnings.Add(ResolutionCheck.Warning(built.Resolution, config.Tolerance));
        }

        return new TrainingSetup(config, data, network, spectrum, info, eta, mu, predicted, kernelDescent?.IsLowerBound ?? false, built.Resolution, warnings, r0)
        {
            BatchCorrection = correction,
            Phases = clock.Phases,
        };
    }

    /// <summary>Where the setup's time went, in order (empty for a setup restored from a checkpoint).</summary>
    public IReadOnlyList<SetupPhase> Phases { get; private init; } = [];

    /// <summary>S restricted to a mini-batch (PGD with 0 &lt; BatchSize &lt; n): through the subsample on the Nystrom path, J_0-based on the exact one.</summary>
    public IBatchCorrection? BatchCorrection { get; private init; }

    private static bool IsMiniBatch(TrainerConfig config, TrainingData data) => config.BatchSize > 0 && config.BatchSize < data.Count;

    // Made from the network at initialisation (both for a fresh run and on resume, before its parameters are restored).
    private static IBatchCorrection? CreateCorrection(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, TrainingSpectrum spectrum) =>
        !IsMiniBatch(config, data) ? null : spectrum switch
        {
            { Modification: null } => null,
            { Nystrom: { } nystrom, Modification: { } modification } => new SubsampleBatchCorrection(network, modification, nystrom.Points, nystrom.Coefficients),
            { Modification: { } modification } => ExactBatchCorrection.Create(network, data.Points, modification, nameof(TrainerConfig.BatchSize)),
        };

    /// <summary>What a path produces before the step size: the spectrum, the network's measured operator, kernel theory and the resolution check.</summary>
    private sealed record Built(TrainingSpectrum Spectrum, PreconditionerInfo Info, Func<double, KernelGradientDescent> KernelTheory, NtkResolution Resolution);

    // The dense Gram of the training set (analytic or empirical NTK), decomposed fully up to FullDecompositionLimit.
    private static Built BuildExact(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, List<string> warnings, SetupClock clock)
    {
        var analytic = clock.Time("Gram", () => config.Architecture.Ntk().Gram(data.X));
        var empirical = config.PreconditionerSource == PreconditionerSource.EmpiricalNtk ? clock.Time("empirical NTK", () => network.EmpiricalNtk(data.X)) : null;
        var gram = empirical ?? analytic;
        var eigen = clock.Time("eigenpairs",
            () => data.Count <= FullDecompositionLimit ? EigenSolver.Full(gram) : EigenSolver.Top(gram, Math.Min(config.Rank + 1, data.Count)));
        var spectrum = clock.Time("spectrum and S", () => TrainingSpectrum.Compute(config, eigen, data.Labels, warnings));
        var info = clock.Time("network operator (Lanczos)", () => NetworkStepReport.Measure(network, data.Points, spectrum, config.Seed, warnings));
        var resolution = clock.Time("resolution check", () => ResolutionCheck.Run(network, config.Architecture, data.X, data.Labels, config.Tolerance,
            analytic, empirical is null ? eigen : null, empirical));
        return new Built(spectrum, info, eta => KernelGradientDescent.FromEigenpairs(gram, eigen, spectrum.Preconditioner, eta), resolution);
    }

    // The kernel on a seeded subsample of s points, extended to the n training points; nothing n x n. The network's
    // own operator is measured on the subsample (with the subsample's S) and scaled by n / s to the Gram scale of n points.
    private static Built BuildNystrom(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, List<string> warnings, SetupClock clock)
    {
        var kernel = config.Architecture.Ntk();
        var s = SubsampleSize(config, data.Count);
        var nystrom = clock.Time("Nystrom eigensystem", () => EigenSolver.NystromSystem(kernel, data.X, Math.Min(config.Rank + 1, s), s, config.Seed));
        var spectrum = clock.Time("spectrum and S", () => TrainingSpectrum.Compute(config, nystrom.Pairs, data.Labels, warnings, nystrom));
        var subsampleLabels = Matrix<double>.Build.Dense(s, data.Outputs, (i, a) => data.Labels.At(nystrom.Indices[i], a));
        var subsampleSpectrum = TrainingSpectrum.Compute(config, nystrom.SubsamplePairs!, subsampleLabels, []);
        var measured = clock.Time("network operator (Lanczos)",
            () => NetworkStepReport.Measure(network, FullyConnectedNetwork.ToDense(nystrom.Points), subsampleSpectrum, config.Seed, warnings));
        var info = spectrum.Info with
        {
            NetworkMaxEigenvalue = measured.NetworkMaxEigenvalue * data.Count / s,
            RealisableSpeedupShare = measured.RealisableSpeedupShare,
        };
        var resolution = clock.Time("resolution check", () => ResolutionCheck.Run(network, config.Architecture, data.X, data.Labels, config.Tolerance));
        return new Built(spectrum, info, eta => KernelGradientDescent.FromSpectrum(nystrom.Pairs, spectrum.Preconditioner, eta), resolution);
    }

    /// <summary>s: the configured subsample, or min(n, <see cref="DefaultSubsample"/>).</summary>
    public static int SubsampleSize(TrainerConfig config, int count) => config.Subsample > 0 ? config.Subsample : Math.Min(count, DefaultSubsample);

    /// <summary>The automatic Nystrom subsample size (EigenPro and Falkon use a few thousand points).</summary>
    public const int DefaultSubsample = 4000;

    /// <summary>The path a run on <paramref name="count"/> points takes: the configured one, or by <see cref="TrainerConfig.ExactPathLimit"/>.</summary>
    public static TrainingPath ChoosePath(TrainerConfig config, int count) => config.Path switch
    {
        TrainingPath.Automatic => count <= TrainerConfig.ExactPathLimit ? TrainingPath.Exact : TrainingPath.Nystrom,
        var path => path,
    };

    /// <summary>
    /// The setup of a run continued from a checkpoint: the network from the seed, the spectrum, step size and
    /// reports as the checkpoint kept them (so S is the one the run trained with, whatever the eigen backend).
    /// </summary>
    public static TrainingSetup Restore(TrainerConfig config, TrainingData data, Checkpoints.SetupRecord saved)
    {
        CheckAgainstData(config, data);
        var spectrum = TrainingSpectrum.FromTop(config, saved.Top, data.Labels, saved.Nystrom(data.X));
        var network = CreateNetwork(config, data);
        var info = spectrum.Info with { NetworkMaxEigenvalue = saved.NetworkMaxEigenvalue, RealisableSpeedupShare = saved.RealisableSpeedupShare };
        return new TrainingSetup(config, data, network, spectrum, info, saved.StepSize, saved.Momentum, saved.PredictedSteps, saved.PredictionIsLowerBound, saved.Resolution, saved.Warnings,
            InitialResidualOf(network, data))
        {
            BatchCorrection = CreateCorrection(config, data, network, spectrum),
        };
    }

    private static Matrix<double> InitialResidualOf(FullyConnectedNetwork network, TrainingData data) =>
        network.PredictOutputs(data.Points) - data.Labels;

    private static FullyConnectedNetwork CreateNetwork(TrainerConfig config, TrainingData data) =>
        FullyConnectedNetwork.Create(config.Architecture, data.Dimension, config.Width, config.Seed, data.Outputs);

    // Validates the configuration against the data and returns the path the run takes.
    private static TrainingPath CheckAgainstData(TrainerConfig config, TrainingData data)
    {
        config.Validate();
        Validation.Guard.InRange(config.BatchSize, 0, data.Count, nameof(config.BatchSize),
            $"BatchSize cannot exceed the number of training points n = {data.Count} (use 0 for full batch).");
        if (config.Momentum != 0 && IsMiniBatch(config, data))
        {
            // Heavy ball's rule and its kernel prediction assume one fixed operator; each batch has its own.
            throw new ArgumentException(
                $"Momentum {Validation.Guard.Format(config.Momentum)} needs full-batch training but BatchSize is {config.BatchSize} < n = {data.Count}; use BatchSize = 0 with momentum, or Momentum = 0 with mini-batches.",
                nameof(config.Momentum));
        }
        var path = ChoosePath(config, data.Count);
        if (path == TrainingPath.Exact)
        {
            Validation.Guard.InRange(config.Rank, 1, data.Count, nameof(config.Rank),
                $"Rank k counts eigenpairs of the n x n Gram and cannot exceed the number of training points n = {data.Count}.");
            return path;
        }

        Validation.Guard.InRange(config.Subsample, 0, data.Count, nameof(config.Subsample),
            $"The Nystrom subsample is drawn from the n = {data.Count} training points (use 0 for min(n, {DefaultSubsample})).");
        var s = SubsampleSize(config, data.Count);
        Validation.Guard.InRange(config.Rank, 1, s, nameof(config.Rank),
            $"Rank k counts eigenpairs of the kernel on the Nystrom subsample and cannot exceed its size s = {s}; raise Subsample or lower Rank.");
        if (config.PreconditionerSource == PreconditionerSource.EmpiricalNtk)
        {
            throw new ArgumentException(
                $"PreconditionerSource EmpiricalNtk needs the n x n empirical NTK, which the Nystrom path never forms (n = {data.Count}); use AnalyticNtk, or Path = Exact for n <= {TrainerConfig.ExactPathLimit}.",
                nameof(config.PreconditionerSource));
        }

        return path;
    }
}
