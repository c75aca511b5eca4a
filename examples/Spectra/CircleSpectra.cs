namespace SpectrumDsl.Examples.Spectra;

/// <summary>
/// Flattens the top 9 eigenvalues of the one-hidden-layer ReLU NTK (bias 1) to lambda_9. On the
/// circle k = 9 = 2 * 4 + 1 covers the degrees 0..4, so the preconditioned network learns all of
/// them at the speed of degree 4.
/// </summary>
[ModifiedSpectrum("lambda_k", Rank = 9)]
[ReluNtk(Depth = 1, BiasScale = 1.0)]
[WideNetworkTrainer(Width = 2048, Steps = 4000, Tolerance = 0.05, Seed = 1)]
public static partial class FlatTop9 { }

/// <summary>
/// A power-law decay lambda_1 * i^-0.5 over the top 9 eigenvalues of the same kernel (slower
/// decay than the NTK's own), trained with plain gradient descent.
/// </summary>
[ModifiedSpectrum("lambda_1 * i^-0.5", Rank = 9)]
[ReluNtk(Depth = 1, BiasScale = 1.0)]
[WideNetworkTrainer(Width = 1024, Steps = 2000, Optimizer = Optimizer.GradientDescent, Tolerance = 0.05, Seed = 7)]
public static partial class SlowDecay9 { }
