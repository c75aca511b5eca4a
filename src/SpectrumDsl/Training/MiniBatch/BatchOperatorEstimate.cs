using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training;

/// <summary>
/// lambda_max(J_B J_B^T), the operator one mini-batch GD step applies to the batch's own residual, measured on the
/// network by Lanczos / Arnoldi (<see cref="NetworkOperator.LargestEigenvalue"/>) on a few seeded batches. Its kernel counterpart is the
/// principal submatrix K[B, B], whose top part shrinks like b / n while its diagonal does not: EigenPro 2's reason why
/// small batches may take far larger steps than 1 / lambda_max(K). (Block updates with a symmetric operator contract
/// for every step below 2 / lambda_max of the block.) For mini-batch PGD the operator is J_B (J_B^T + correction), the
/// network's counterpart of (K S)[B, B], whose top part shrinks the same way.
/// </summary>
internal static class BatchOperatorEstimate
{
    /// <summary>Batches measured; the largest estimate, times <see cref="Margin"/>, is returned.</summary>
    public const int Samples = 3;

    /// <summary>Safety factor for batches not measured (sampling) and for the Ritz value approaching from below.</summary>
    public const double Margin = 1.25;

    /// <summary>
    /// Each batch's estimate stops when its Ritz value changes by less than this (relative): the margin covers an
    /// estimate a percent low, and the batches are the setup's costliest products (11 of 37 s at d = 784 with 1e-3).
    /// </summary>
    public const double Tolerance = 1e-2;

    /// <summary>The largest estimate over the sampled batches times <see cref="Margin"/>; with <paramref name="correction"/>, of J_B (J_B^T + correction).</summary>
    public static double Measure(FullyConnectedNetwork network, Matrix<double> points, int batch, int seed, Msk.IBatchCorrection? correction = null)
    {
        var random = new Random(seed);
        var largest = 0.0;
        for (var sample = 0; sample < Samples; sample++)
        {
            var indices = SampleBatch(random, points.RowCount, batch);
            var rows = Matrix<double>.Build.Dense(batch, points.ColumnCount, (i, j) => points.At(indices[i], j));
            NetworkOperator.GradientCorrection? add = correction is null ? null : (v, gradients) => correction.AddTo(indices, v, gradients);
            largest = Math.Max(largest, new NetworkOperator(network, rows, add).LargestEigenvalue(null, seed + sample, tolerance: Tolerance));
        }

        return Margin * largest;
    }

    /// <summary>A uniform batch of <paramref name="batch"/> distinct indices of 0..n-1.</summary>
    public static int[] SampleBatch(Random random, int count, int batch) =>
        Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(batch).ToArray();
}
