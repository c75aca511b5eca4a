using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training.MiniBatch;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// The dense Gram of the training set (analytic or empirical NTK), decomposed fully up to
/// <see cref="SettingRules.FullDecompositionLimit"/> points and to its top k + 1 pairs above; the network's operator is
/// measured on all n points, and mini-batch PGD's correction goes through all of them.
/// </summary>
internal sealed class ExactSetupPath : ISetupPath
{
    public static readonly ExactSetupPath Instance = new();

    private ExactSetupPath()
    {
    }

    public void Validate(TrainerConfig config, int count) =>
        Guard.InRange(config.Rank, 1, count, nameof(config.Rank),
            $"Rank k counts eigenpairs of the n x n Gram and cannot exceed the number of training points n = {count}.");

    public PathProducts Build(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, List<string> warnings, SetupClock clock)
    {
        var analytic = clock.Time("Gram", () => config.Architecture.Ntk().Gram(data.X));
        var empirical = config.PreconditionerSource == PreconditionerSource.EmpiricalNtk ? clock.Time("empirical NTK", () => network.EmpiricalNtk(data.X)) : null;
        var gram = empirical ?? analytic;
        var eigen = clock.Time("eigenpairs",
            () => data.Count <= SettingRules.FullDecompositionLimit ? EigenSolver.Full(gram) : EigenSolver.Top(gram, Math.Min(config.Rank + 1, data.Count)));
        var spectrum = clock.Time("spectrum and S", () => TrainingSpectrum.Compute(config, eigen, data.Labels, warnings));
        var info = clock.Time("network operator (Lanczos)", () => NetworkStepReport.Measure(network, data.Points, spectrum, config.Seed, warnings));
        var resolution = clock.Time("resolution check", () => ResolutionCheck.Run(network, config.Architecture, data.X, data.Labels, config.Tolerance,
            analytic, empirical is null ? eigen : null, empirical));
        return new PathProducts(spectrum, info, eta => KernelGradientDescent.FromEigenpairs(gram, eigen, spectrum.Preconditioner, eta), resolution);
    }

    public BatchCorrection CreateCorrection(FullyConnectedNetwork network, Matrix<double> points, TrainingSpectrum spectrum) =>
        BatchCorrection.ThroughTrainingSet(network, spectrum.Modification!, points);
}
