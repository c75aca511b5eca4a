using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Training.MiniBatch;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// One way of making a run's spectrum (docs/design.md#scale): the exact path decomposes the n x n Gram, the Nystrom path
/// the kernel on a seeded subsample of s points. Every difference between the two lives behind this interface.
/// </summary>
internal interface ISetupPath
{
    /// <summary>Refuses settings this path cannot honour on <paramref name="count"/> points (exceptions name the setting).</summary>
    void Validate(TrainerConfig config, int count);

    /// <summary>The spectrum, the network's operator measured against it, kernel theory and the resolution check.</summary>
    PathProducts Build(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, List<string> warnings, SetupClock clock);

    /// <summary>S restricted to a mini-batch for <paramref name="network"/> at its current weights (mini-batch PGD only).</summary>
    BatchCorrection CreateCorrection(FullyConnectedNetwork network, Matrix<double> points, TrainingSpectrum spectrum);
}

/// <summary>What a path produces before the step plan.</summary>
/// <param name="Spectrum">The top eigenpairs, S and the recorded directions.</param>
/// <param name="Info">The spectrum's numbers with lambda_max(J_0 J_0^T S) of the network on the Gram scale of n points.</param>
/// <param name="KernelTheory">Kernel gradient descent with this spectrum at a given step size.</param>
/// <param name="Resolution">The finite-width resolution check.</param>
internal sealed record PathProducts(TrainingSpectrum Spectrum, PreconditionerInfo Info, Func<double, KernelGradientDescent> KernelTheory, NtkResolution Resolution);
