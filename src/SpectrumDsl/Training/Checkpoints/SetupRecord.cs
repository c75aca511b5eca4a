using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training.Setup;

namespace SpectrumDsl.Training.Checkpoints;

/// <summary>
/// What a checkpoint keeps of a run's setup: the top eigenpairs S and the recorded directions were made
/// from (with the Nystrom subsample's indices and coefficients on that path), the step size and the reports.
/// Resuming from them makes the continuation independent of the eigen backend (a LAPACK may return other last
/// bits on another day) and skips the decomposition.
/// </summary>
internal sealed record SetupRecord(EigenDecomposition Top, int[]? SubsampleIndices, Matrix<double>? SubsampleCoefficients, double StepSize, double Momentum,
    double NetworkMaxEigenvalue, double RealisableSpeedupShare, int? PredictedSteps, bool PredictionIsLowerBound, NtkResolution Resolution,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The products of <paramref name="setup"/> (its warnings are those found before training).</summary>
    public static SetupRecord Of(TrainingSetup setup) =>
        new(setup.Spectrum.Top, setup.Spectrum.Nystrom?.Indices, setup.Spectrum.Nystrom?.Coefficients, setup.StepSize, setup.Momentum,
            setup.Info.NetworkMaxEigenvalue, setup.Info.RealisableSpeedupShare, setup.PredictedSteps, setup.PredictionIsLowerBound,
            setup.Resolution, setup.Warnings);

    /// <summary>The Nystrom subsample again, its points taken from the training points <paramref name="x"/> (null on the exact path).</summary>
    public NystromEigenpairs? Nystrom(Matrix<double> x) => SubsampleIndices is { } indices && SubsampleCoefficients is { } coefficients
        ? new NystromEigenpairs(Top, indices, Matrix<double>.Build.Dense(indices.Length, x.ColumnCount, (i, j) => x.At(indices[i], j)), coefficients, null)
        : null;
}
