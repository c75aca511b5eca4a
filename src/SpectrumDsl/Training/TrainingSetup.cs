using MathNet.Numerics.LinearAlgebra;
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
        int? predictedSteps, bool predictionIsLowerBound, NtkResolution resolution, IReadOnlyList<string> warnings, Matrix<double> initialResidual)
    {
        PredictionIsLowerBound = predictionIsLowerBound;
        Config = config;
        Data = data;
        Network = network;
        Spectrum = spectrum;
        Info = info;
        StepSize = stepSize;
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

    /// <summary>Validates rank and batch size against the data, then builds the network, the Gram, its eigenpairs, S and the reports.</summary>
    public static TrainingSetup Prepare(TrainerConfig config, TrainingData data)
    {
        CheckAgainstData(config, data);
        var warnings = new List<string>();
        var conflict = DuplicatePoints.Warning(DuplicatePoints.Conflicts(data.X, data.Labels), data.Labels);
        if (conflict is not null)
        {
            warnings.Add(conflict);
        }

        var network = CreateNetwork(config, data);
        var analytic = config.Architecture.Ntk().Gram(data.X);
        var empirical = config.PreconditionerSource == PreconditionerSource.EmpiricalNtk ? network.EmpiricalNtk(data.X) : null;
        var gram = empirical ?? analytic;
        var eigen = data.Count <= FullDecompositionLimit ? EigenSolver.Full(gram) : EigenSolver.Top(gram, Math.Min(config.Rank + 1, data.Count));
        var spectrum = TrainingSpectrum.Compute(config, eigen, data.Labels, warnings);
        var info = NetworkStepReport.Measure(network, data.Points, spectrum, config.Seed, warnings);
        var eta = StepSizeRule.Choose(config, spectrum.MaxEigenvalueOfKS, info.NetworkMaxEigenvalue, warnings);
        var r0 = InitialResidualOf(network, data);
        var kernelDescent = StepSizeRule.IsStable(eta, spectrum.MaxEigenvalueOfKS)
            ? KernelGradientDescent.FromEigenpairs(gram, eigen, spectrum.Preconditioner, eta)
            : null;
        var predicted = kernelDescent?.StepsToTolerance(r0, config.Tolerance, config.Steps);
        var resolution = ResolutionCheck.Run(network, config.Architecture, data.X, data.Labels, config.Tolerance,
            analytic, empirical is null ? eigen : null, empirical);
        // A label jump at a duplicated point has energy at every frequency: that is the conflict's fault, not the width's.
        if (!resolution.IsResolved && conflict is null)
        {
            warnings.Add(ResolutionCheck.Warning(resolution, config.Tolerance));
        }

        return new TrainingSetup(config, data, network, spectrum, info, eta, predicted, kernelDescent?.IsLowerBound ?? false, resolution, warnings, r0);
    }

    /// <summary>
    /// The setup of a run continued from a checkpoint: the network from the seed, the spectrum, step size and
    /// reports as the checkpoint kept them (so S is the one the run trained with, whatever the eigen backend).
    /// </summary>
    public static TrainingSetup Restore(TrainerConfig config, TrainingData data, Checkpoints.SetupRecord saved)
    {
        CheckAgainstData(config, data);
        var spectrum = TrainingSpectrum.FromTop(config, saved.Top, data.Labels);
        var network = CreateNetwork(config, data);
        var info = spectrum.Info with { NetworkMaxEigenvalue = saved.NetworkMaxEigenvalue, RealisableSpeedupShare = saved.RealisableSpeedupShare };
        return new TrainingSetup(config, data, network, spectrum, info, saved.StepSize, saved.PredictedSteps, saved.PredictionIsLowerBound, saved.Resolution, saved.Warnings,
            InitialResidualOf(network, data));
    }

    private static Matrix<double> InitialResidualOf(FullyConnectedNetwork network, TrainingData data) =>
        network.PredictOutputs(data.Points) - data.Labels;

    private static FullyConnectedNetwork CreateNetwork(TrainerConfig config, TrainingData data) =>
        FullyConnectedNetwork.Create(config.Architecture, data.Dimension, config.Width, config.Seed, data.Outputs);

    private static void CheckAgainstData(TrainerConfig config, TrainingData data)
    {
        config.Validate();
        Validation.Guard.InRange(config.Rank, 1, data.Count, nameof(config.Rank),
            $"Rank k counts eigenpairs of the n x n Gram and cannot exceed the number of training points n = {data.Count}.");
        Validation.Guard.InRange(config.BatchSize, 0, data.Count, nameof(config.BatchSize),
            $"BatchSize cannot exceed the number of training points n = {data.Count} (use 0 for full batch).");
    }
}
