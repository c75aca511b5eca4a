namespace SpectrumDsl;

/// <summary>
/// What a target spectrum g(lambda, i) may depend on besides lambda and i: the operator-scale
/// eigenvalues lambda_1 and lambda_k, the rank k being modified and the sample count n.
/// </summary>
/// <param name="Lambda1">The largest operator-scale eigenvalue delta_1 / n.</param>
/// <param name="LambdaK">The k-th operator-scale eigenvalue delta_k / n.</param>
/// <param name="Rank">The number k of eigenvalues being replaced.</param>
/// <param name="SampleCount">The number n of training points.</param>
public sealed record TargetContext(double Lambda1, double LambdaK, int Rank, int SampleCount);
