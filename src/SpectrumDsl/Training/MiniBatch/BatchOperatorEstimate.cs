using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training.MiniBatch;

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
    /// Each batch's estimate stops when its Ritz value changes by less than this and its residual is this small (both
    /// relative): the margin covers an estimate a percent low, and the batches are the setup's costliest products.
    /// </summary>
    public const double Tolerance = 1e-2;

    /// <summary>The network's: the largest estimate over the sampled batches times <see cref="Margin"/>; with <paramref name="correction"/>, of J_B (J_B^T + correction).</summary>
    public static double Network(FullyConnectedNetwork network, Matrix<double> points, int batch, int seed, BatchCorrection? correction = null) =>
        OverBatches(points, batch, seed, (indices, rows, sampleSeed) =>
        {
            NetworkOperator.GradientCorrection? add = correction is null ? null : (v, gradients) => correction.AddTo(indices, v, gradients);
            return new NetworkOperator(network, rows, add).LargestEigenvalue(null, sampleSeed, tolerance: Tolerance);
        });

    /// <summary>
    /// Kernel theory's counterpart: lambda_max(K[B, B]), or with a <paramref name="modification"/> (mini-batch PGD) of
    /// (K S)[B, B] = K[B, B] + V_(k,B) diag(delta c) V_(k,B)^T, over the same seeded batches, times <see cref="Margin"/>.
    /// </summary>
    public static double Kernel(Kernels.IKernel kernel, Matrix<double> points, int batch, int seed, SpectralModification? modification = null) =>
        OverBatches(points, batch, seed, (indices, rows, sampleSeed) =>
        {
            var block = kernel.Gram(rows);
            if (modification is not null)
            {
                AddFlattening(block, modification, indices);
            }

            return LargestEigenvalue(block, sampleSeed);
        });

    // Margin times the largest of measure(indices, rows, seed) over Samples seeded batches.
    private static double OverBatches(Matrix<double> points, int batch, int seed, Func<int[], Matrix<double>, int, double> measure)
    {
        var random = new Random(seed);
        var largest = 0.0;
        for (var sample = 0; sample < Samples; sample++)
        {
            var indices = SampleBatch(random, points.RowCount, batch);
            var rows = Matrix<double>.Build.Dense(batch, points.ColumnCount, (i, j) => points.At(indices[i], j));
            largest = Math.Max(largest, measure(indices, rows, seed + sample));
        }

        return Margin * largest;
    }

    // lambda_max of a dense symmetric block by Lanczos, to the network estimates' tolerance.
    private static double LargestEigenvalue(Matrix<double> block, int seed)
    {
        var n = block.RowCount;
        var column = Matrix<double>.Build.Dense(n, 1);
        var image = Matrix<double>.Build.Dense(n, 1);
        return KrylovEstimate.Largest(n, (v, _, result) =>
        {
            v.CopyTo(column.AsColumnMajorArray()!, 0);
            FastLinearAlgebra.MultiplyInto(block, column, image);
            image.AsColumnMajorArray()!.CopyTo(result, 0);
        }, null, seed, KrylovEstimate.DefaultIterations, Tolerance);
    }

    // block += V_(k,B) diag(delta c) V_(k,B)^T.
    private static void AddFlattening(Matrix<double> block, SpectralModification modification, int[] indices)
    {
        var vectors = modification.Eigenpairs.VectorsView;
        var values = modification.Eigenpairs.ValuesView;
        var rows = Matrix<double>.Build.Dense(indices.Length, modification.Rank, (j, i) => vectors.At(indices[j], i));
        var scaled = Matrix<double>.Build.Dense(indices.Length, modification.Rank, (j, i) => rows.At(j, i) * values[i] * modification.Scales[i]);
        block.Add(FastLinearAlgebra.MultiplyTransposed(scaled, rows), block);
    }

    /// <summary>A uniform batch of <paramref name="batch"/> distinct indices of 0..n-1.</summary>
    public static int[] SampleBatch(Random random, int count, int batch) =>
        Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(batch).ToArray();
}
