namespace SpectrumDsl.Expressions;

/// <summary>The values of the expression's variables for one evaluation.</summary>
/// <param name="Lambda">lambda (λ): the original operator-scale eigenvalue.</param>
/// <param name="Index">i: the 1-based eigenvalue index.</param>
/// <param name="Rank">k: the rank.</param>
/// <param name="SampleCount">n: the sample count.</param>
/// <param name="Lambda1">lambda_1: the largest eigenvalue.</param>
/// <param name="LambdaK">lambda_k: the k-th eigenvalue.</param>
public readonly record struct TargetVariables(double Lambda, int Index, int Rank, int SampleCount, double Lambda1, double LambdaK);
