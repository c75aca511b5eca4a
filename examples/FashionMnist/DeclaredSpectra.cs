using SpectrumDsl;

namespace FashionMnist;

/// <summary>
/// The example's spectrum, declared the way a user would: the one-hidden-layer ReLU NTK with bias,
/// its top 100 eigenvalues flattened to lambda_100, trained by preconditioned gradient descent for
/// 300 full-batch steps. The tolerance is far below what 300 steps reach on ten classes, so runs go
/// to their budget and the accuracy curves are compared at equal steps. Command-line options
/// override width, rank, budget and the rest.
/// </summary>
[ModifiedSpectrum("lambda_k", Rank = 100)]
[ReluNtk(Depth = 1, BiasScale = 1.0)]
[WideNetworkTrainer(Width = 2048, Steps = 300, Optimizer = Optimizer.Preconditioned, Tolerance = 0.001, Seed = 1)]
public static partial class TopKFlattened
{
}
