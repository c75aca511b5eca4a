using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training.MiniBatch;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// The kernel on a seeded subsample of s points, extended to the n training points; nothing n x n. The network's own
/// operator is measured on the subsample (with the subsample's S) and scaled by n / s to the Gram scale of n points,
/// and mini-batch PGD's correction goes through the subsample.
/// </summary>
internal sealed class NystromSetupPath : ISetupPath
{
    public static readonly NystromSetupPath Instance = new();

    private NystromSetupPath()
    {
    }

    /// <summary>s: the configured subsample, or min(n, <see cref="SettingRules.AutomaticSubsample"/>).</summary>
    public static int SubsampleSize(TrainerConfig config, int count) => config.Subsample > 0 ? config.Subsample : Math.Min(count, SettingRules.AutomaticSubsample);

    public void Validate(TrainerConfig config, int count)
    {
        Guard.InRange(config.Subsample, 0, count, nameof(config.Subsample),
            $"The Nystrom subsample is drawn from the n = {count} training points (use 0 for min(n, {SettingRules.AutomaticSubsample})).");
        var s = SubsampleSize(config, count);
        Guard.InRange(config.Rank, 1, s, nameof(config.Rank),
            $"Rank k counts eigenpairs of the kernel on the Nystrom subsample and cannot exceed its size s = {s}; raise Subsample or lower Rank.");
        if (config.PreconditionerSource == PreconditionerSource.EmpiricalNtk)
        {
            throw new ArgumentException(
                $"PreconditionerSource EmpiricalNtk needs the n x n empirical NTK, which the Nystrom path never forms (n = {count}); use AnalyticNtk, or Path = Exact for n <= {SettingRules.ExactPathLimit}.",
                nameof(config.PreconditionerSource));
        }
    }

    public PathProducts Build(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, List<string> warnings, SetupClock clock)
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
        return new PathProducts(spectrum, info, eta => KernelGradientDescent.FromSpectrum(nystrom.Pairs, spectrum.Preconditioner, eta), resolution);
    }

    public BatchCorrection CreateCorrection(FullyConnectedNetwork network, Matrix<double> points, TrainingSpectrum spectrum) =>
        BatchCorrection.ThroughSubsample(network, spectrum.Modification!, spectrum.Nystrom!.Points, spectrum.Nystrom.Coefficients);
}
