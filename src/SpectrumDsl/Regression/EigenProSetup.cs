using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Regression;

/// <summary>
/// Everything EigenPro's loop needs, built once before the first update: the seeded subsample and its top
/// eigensystem (the preconditioner), beta and the step rule, and the training data in blocks with the subsample first.
/// </summary>
internal sealed class EigenProSetup
{
    private EigenProSetup(KernelBlocks blocks, int[] order, int[] subsample, SpectralModification spectrum,
        SubsampleCorrection correction, EigenProStepRule stepRule, int batchSize, Matrix<double> labels)
    {
        Blocks = blocks;
        Order = order;
        SubsampleIndices = subsample;
        Spectrum = spectrum;
        Correction = correction;
        StepRule = stepRule;
        BatchSize = batchSize;
        StepSize = stepRule.StepSize(batchSize);
        Labels = labels;
    }

    /// <summary>The training points in blocks; the internal (permuted) order is <see cref="Order"/>, subsample first.</summary>
    public KernelBlocks Blocks { get; }

    /// <summary>Order[p] is the training row at internal position p: positions 0..s-1 are the subsample.</summary>
    public int[] Order { get; }

    /// <summary>The subsample's training rows, ascending.</summary>
    public int[] SubsampleIndices { get; }

    /// <summary>Eigenpairs of K(X_S, X_S) with the targets.</summary>
    public SpectralModification Spectrum { get; }

    /// <summary>E D E^T, the preconditioner's action on the subsample coefficients.</summary>
    public SubsampleCorrection Correction { get; }

    /// <summary>beta, lambda_P and the step rule.</summary>
    public EigenProStepRule StepRule { get; }

    /// <summary>b.</summary>
    public int BatchSize { get; }

    /// <summary>eta(b).</summary>
    public double StepSize { get; }

    /// <summary>Y in the internal order (n x c).</summary>
    public Matrix<double> Labels { get; }

    /// <summary>Builds the setup; <paramref name="subsample"/> is the validated s.</summary>
    /// <exception cref="ArgumentException">The target is not finite and positive on the subsample's eigenvalues, or the rank reaches numerically zero eigenvalues.</exception>
    public static EigenProSetup Create(IKernel kernel, Matrix<double> x, Matrix<double> y, EigenProOptions options, int subsample)
    {
        var n = x.RowCount;
        var indices = EigenSolver.NystromSubsampleIndices(n, subsample, options.Seed);
        var order = SubsampleFirst(n, indices);
        var blocks = new KernelBlocks(kernel, x, order, subsample);

        // Top k + 1 pairs: the (k+1)-th eigenvalue is the unchanged top of the preconditioned spectrum.
        var subsampleGram = kernel.Gram(blocks.Rows(Enumerable.Range(0, subsample).ToArray()));
        var eigenpairs = EigenSolver.Top(subsampleGram, options.Rank + 1);
        var spectrum = SpectralModification.TryCreate(eigenpairs, options.Target, options.Rank, preconditioning: true, out var problem)
            ?? throw problem!.ToException("options.Rank", "options.Target");

        var correction = new SubsampleCorrection(spectrum);
        var sampledTop = subsample == n ? 0.0 : SampledTopEigenvalue(kernel, x, blocks, correction, subsample, options.Seed);
        var stepRule = EigenProStepRule.From(spectrum, KernelDiagonal(kernel, x), sampledTop, n);
        var batchSize = options.BatchSize == 0 ? stepRule.AutomaticBatchSize(n) : options.BatchSize;
        var labels = Matrix<double>.Build.Dense(n, y.ColumnCount, (p, a) => y.At(order[p], a));
        return new EigenProSetup(blocks, order, indices, spectrum, correction, stepRule, batchSize, labels);
    }

    /// <summary>The subsample rows (ascending), then every other row (ascending).</summary>
    private static int[] SubsampleFirst(int n, int[] subsample)
    {
        var chosen = new bool[n];
        foreach (var index in subsample)
        {
            chosen[index] = true;
        }

        var order = new int[n];
        subsample.CopyTo(order, 0);
        var next = subsample.Length;
        for (var i = 0; i < n; i++)
        {
            if (!chosen[i])
            {
                order[next++] = i;
            }
        }

        return order;
    }

    /// <summary>
    /// lambda_max(K_P(X_R, X_R)) / s on s training points R drawn uniformly with seed Seed + 2, independently of the
    /// subsample (R may share points with it, in proportion, as the whole training set does). The subsample's own
    /// estimate is biased low because P is built from those points; this one is not (docs/design.md#eigenpro).
    /// Cost O(s^2 d + s^2 k) and an s x s top eigenvalue, about the subsample's own setup again.
    /// </summary>
    private static double SampledTopEigenvalue(IKernel kernel, Matrix<double> x, KernelBlocks blocks, SubsampleCorrection correction, int subsample, int seed)
    {
        var rows = EigenSolver.NystromSubsampleIndices(x.RowCount, subsample, unchecked(seed + 2));
        var points = Matrix<double>.Build.Dense(subsample, x.ColumnCount, (i, j) => x.At(rows[i], j));
        var subsamplePoints = blocks.Rows(Enumerable.Range(0, subsample).ToArray());
        var modified = kernel.Gram(points) + correction.Modification(kernel.Cross(points, subsamplePoints));
        PointProducts.Symmetrize(modified);
        return EigenSolver.Top(modified, 1).ValuesView[0] / subsample;
    }

    /// <summary>beta = max_i K(x_i, x_i): n kernel evaluations, O(n d).</summary>
    private static double KernelDiagonal(IKernel kernel, Matrix<double> x)
    {
        var largest = 0.0;
        for (var i = 0; i < x.RowCount; i++)
        {
            var point = x.Row(i);
            largest = Math.Max(largest, kernel.Evaluate(point, point));
        }

        return largest;
    }
}
