using SpectrumDsl;

namespace SpectralBias;

/// <summary>
/// The experiment's spectrum, declared the way a user would: the one-hidden-layer ReLU NTK with
/// bias, its top 17 eigenvalues (degrees 0..8 on the circle) flattened to lambda_17, trained by
/// preconditioned gradient descent. Command-line options override width, rank and the rest.
/// </summary>
[ModifiedSpectrum("lambda_k", Rank = 17)]
[ReluNtk(Depth = 1, BiasScale = 1.0)]
[WideNetworkTrainer(Width = 8192, Steps = 20000, Optimizer = Optimizer.Preconditioned, Tolerance = 0.02, Seed = 1)]
public static partial class FlattenedNtk
{
}
