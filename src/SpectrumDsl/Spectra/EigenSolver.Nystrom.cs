using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Spectra;

public static partial class EigenSolver
{
    // Kernel blocks are evaluated this many entries at a time (32 MB of doubles).
    private const int ChunkEntries = 1 << 22;

    // The extension's K(rows, X_S) blocks (128 MB): fewer, larger products repack X_S less often (at d = 784 the
    // 32 MB blocks ran the multiply at about half its rate).
    private const int ExtensionChunkEntries = 1 << 24;

    // Subsample eigenvalues below this fraction of sigma_1 are round-off: dividing by them would
    // amplify noise, so their directions are dropped from the Nystrom approximation.
    private const double SubsampleRankTolerance = 1e-12;

    /// <summary>
    /// Approximate top <paramref name="count"/> eigenpairs of the n x n Gram matrix K(X, X) from a
    /// Nystrom subsample (EigenPro / Falkon style), for n beyond what a dense Gram allows: the
    /// n x n Gram is never formed. Memory O(n k + chunk s + s^2), time O(n s d + n s k + s^2 k).
    /// </summary>
    /// <param name="kernel">The kernel whose Gram matrix on <paramref name="x"/> is approximated.</param>
    /// <param name="x">The n points, one per row.</param>
    /// <param name="count">k, how many eigenpairs to return (1 &lt;= k &lt;= s).</param>
    /// <param name="subsample">s, how many points to draw uniformly without replacement (k &lt;= s &lt;= n).</param>
    /// <param name="seed">Seed of the subsample: the same seed gives identical output.</param>
    /// <remarks>
    /// <para>
    /// Derivation. Let S be the s sampled indices, K_ss = K(X_S, X_S) and C = K(X, X_S) (n x s). The
    /// Nystrom approximation is K ~ K~ = C K_ss^+ C^T, exact on the sampled rows and columns. With the
    /// top r = min(k + 1, s) eigenpairs (sigma_j, w_j) of K_ss (<see cref="Top"/>), the rank-r
    /// truncation is K~_r = B B^T with B = C W_r diag(sigma^(-1/2)) (n x r). Column j of B is
    /// sqrt(sigma_j) u_j, where u_j = C w_j / sigma_j is the Nystrom extension of w_j to all n points
    /// (it equals w_j on the subsample); (n / s) sigma_j estimates delta_j, but the u_j are neither
    /// orthogonal nor of unit norm. So B is orthonormalised with a thin QR, B = Q R, giving
    /// K~_r = Q (R R^T) Q^T; the r x r Rayleigh-Ritz problem R R^T = Z diag(delta~) Z^T is then
    /// exact for K~_r because span(Q) contains its range. The returned pairs are
    /// (delta~_i, Q z_i): orthonormal columns (to round-off), eigenvalues sorted descending, on the
    /// Gram scale of K (no n / s factor is left: it is absorbed by C).
    /// </para>
    /// <para>
    /// Accuracy. K - K~ is a Schur complement, so 0 &lt;= K~_r &lt;= K~ &lt;= K in the PSD order and
    /// every delta~_i underestimates delta_i (Weyl). The relative error shrinks as s grows (about
    /// O(1 / sqrt(s)) for uniform sampling); the vectors span a good approximation of the top-k
    /// space only where k sits at a spectral gap. Use <see cref="EigenDecomposition.Residuals"/>
    /// to measure the pairs against the exact K (computed from the kernel in row chunks, O(n^2 d)
    /// time, still without the n x n Gram). <see cref="EigenDecomposition.IsApproximate"/> is true
    /// and <see cref="EigenDecomposition.NextValue"/> is delta~_(k+1) when k &lt; s. Subsample
    /// eigenvalues below 1e-12 sigma_1 are dropped, so pairs beyond the subsample's numerical
    /// rank come back with eigenvalue 0.
    /// </para>
    /// </remarks>
    public static EigenDecomposition TopNystrom(IKernel kernel, Matrix<double> x, int count, int subsample, int seed) =>
        NystromSystem(kernel, x, count, subsample, seed).Pairs;

    /// <summary>
    /// <see cref="TopNystrom"/> with what produced it: the subsample (indices and points) and the coefficients A
    /// (s x count) with V = K(X, X_S) A, so a direction of V can be reached through the subsample alone
    /// (the trainer's mini-batch correction and the network-side Nystrom extension use them).
    /// </summary>
    internal static NystromEigenpairs NystromSystem(IKernel kernel, Matrix<double> x, int count, int subsample, int seed)
    {
        Guard.NotNull(kernel, nameof(kernel));
        Guard.Points(x, nameof(x));
        var n = x.RowCount;
        Guard.InRange(subsample, 1, n, nameof(subsample),
            $"The subsample s is drawn from the n = {n} points of x, so 1 <= s <= n.");
        Guard.InRange(count, 1, subsample, nameof(count),
            $"The Nystrom approximation has rank at most the subsample size s = {subsample}: ask for 1 <= count <= s (or raise subsample).");

        var indices = SampleIndices(n, subsample, seed);
        var d = x.ColumnCount;
        var points = x.Clone();
        var sampled = Matrix<double>.Build.Dense(subsample, d, (i, j) => points.At(indices[i], j));

        // Top r eigenpairs of K_ss; one beyond k gives NextValue.
        var rank = Math.Min(count + 1, subsample);
        var subsampleGram = kernel.Gram(sampled);
        var inner = Top(subsampleGram, rank);
        var sigma = inner.ValuesView;
        var w = inner.VectorsView;

        // M = W_r diag(sigma^(-1/2)), numerically null directions dropped (zero column).
        var scaling = Matrix<double>.Build.Dense(subsample, rank);
        for (var j = 0; j < rank; j++)
        {
            if (sigma[j] > SubsampleRankTolerance * sigma[0])
            {
                scaling.SetColumn(j, w.Column(j) / Math.Sqrt(sigma[j]));
            }
        }

        // B = C M in row chunks: only chunk x s of C exists at a time.
        var b = new double[n * rank];
        var rowsPerChunk = Math.Clamp(ExtensionChunkEntries / subsample, 1, n);
        var columns = points.AsColumnMajorArray() ?? points.ToColumnMajorArray();
        var cross = new CrossEvaluator(kernel, sampled);
        var piece = new DenseMatrix(rowsPerChunk, subsample);
        for (var start = 0; start < n; start += rowsPerChunk)
        {
            var rows = Math.Min(rowsPerChunk, n - start);
            var destination = rows == rowsPerChunk ? piece : new DenseMatrix(rows, subsample);
            var block = FastLinearAlgebra.Multiply(cross.Into(FastLinearAlgebra.RowBlock(columns, n, start, rows), destination), scaling);
            var values = block.AsColumnMajorArray() ?? block.ToColumnMajorArray();
            for (var j = 0; j < rank; j++)
            {
                Array.Copy(values, j * rows, b, j * n + start, rows);
            }
        }

        // An orthonormal basis Q of span(B), then the r x r Rayleigh-Ritz problem T T^T = Z diag(delta) Z^T with
        // T = Q^T B (B B^T = Q T T^T Q^T). Q by two passes of Gram orthonormalisation, which are GEMMs, where MathNet's
        // managed thin QR works column by column; Householder QR only when B is numerically rank-deficient.
        var bMatrix = DenseMatrix.OfColumnMajor(n, rank, b);
        var q = OrthonormalColumns(bMatrix) ?? bMatrix.QR(QRMethod.Thin).Q;
        var t = FastLinearAlgebra.TransposeAndMultiply(q, bMatrix);
        var projected = FastLinearAlgebra.MultiplyTransposed(t, t);
        PointProducts.Symmetrize(projected);
        var (ritzValues, ritzVectors) = SymmetricEigen.Decompose(projected);
        for (var i = 0; i < ritzValues.Length; i++)
        {
            ritzValues[i] = Math.Max(0.0, ritzValues[i]);   // R R^T is PSD: negatives are round-off
        }

        var vectors = FastLinearAlgebra.Multiply(q, ritzVectors);
        var result = new EigenDecomposition(n, block => ChunkedKernelProduct(kernel, points, block), ritzValues, vectors)
        {
            Converged = inner.Converged,
            IsApproximate = true,
        };

        // V = C A with A = W_r diag(1/sigma) W_r^T V_S: V's rows on the subsample are K_ss A, and V lies in the
        // span of C W_r, on which K_ss^+ restricted to the top r inverts K_ss (dropped directions stay zero).
        var inverse = Matrix<double>.Build.Dense(subsample, rank);
        for (var j = 0; j < rank; j++)
        {
            if (sigma[j] > SubsampleRankTolerance * sigma[0])
            {
                inverse.SetColumn(j, w.Column(j) / sigma[j]);
            }
        }

        var onSubsample = Matrix<double>.Build.Dense(subsample, count, (i, j) => vectors.At(indices[i], j));
        var coefficients = FastLinearAlgebra.Multiply(inverse, FastLinearAlgebra.TransposeAndMultiply(w.SubMatrix(0, subsample, 0, rank), onSubsample));
        return new NystromEigenpairs(result.Truncate(count), indices, sampled, coefficients, inner);
    }

    /// <summary>
    /// The <paramref name="count"/> subsample indices (ascending) that <see cref="TopNystrom"/> draws for
    /// <paramref name="seed"/> on n points, so other Nystrom users (EigenPro's iteration) pick the same subsample.
    /// </summary>
    internal static int[] NystromSubsampleIndices(int n, int count, int seed) => SampleIndices(n, count, seed);

    /// <summary><paramref name="count"/> distinct indices of 0..n-1, uniform, ascending, reproducible from <paramref name="seed"/>.</summary>
    private static int[] SampleIndices(int n, int count, int seed)
    {
        var random = new Random(seed);
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }

        // Partial Fisher-Yates: the first count entries are a uniform sample without replacement.
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var chosen = all[..count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>K(X, X) V computed from the kernel in row chunks, never holding the n x n Gram.</summary>
    private static Matrix<double> ChunkedKernelProduct(IKernel kernel, Matrix<double> points, Matrix<double> block)
    {
        var n = points.RowCount;
        var k = block.ColumnCount;
        var result = new double[n * k];
        var rowsPerChunk = Math.Clamp(ChunkEntries / n, 1, n);
        var columns = points.AsColumnMajorArray() ?? points.ToColumnMajorArray();
        for (var start = 0; start < n; start += rowsPerChunk)
        {
            var rows = Math.Min(rowsPerChunk, n - start);
            var cross = kernel.Cross(FastLinearAlgebra.RowBlock(columns, n, start, rows), points);
            var product = FastLinearAlgebra.Multiply(cross, block);
            var values = product.AsColumnMajorArray() ?? product.ToColumnMajorArray();
            for (var j = 0; j < k; j++)
            {
                Array.Copy(values, j * rows, result, j * n + start, rows);
            }
        }

        return DenseMatrix.OfColumnMajor(n, k, result);
    }

    // Q with orthonormal columns spanning those of B, from the eigendecomposition of B^T B = Y diag(g) Y^T
    // (Q = B Y diag(g^-1/2)), twice: the second pass restores orthogonality to round-off, as in CholeskyQR2, for
    // cond(B) up to about 1e7. Null when B is rank-deficient to that precision.
    private static Matrix<double>? OrthonormalColumns(Matrix<double> b)
    {
        var current = b;
        for (var pass = 0; pass < 2; pass++)
        {
            var gram = FastLinearAlgebra.TransposeAndMultiply(current, current);
            PointProducts.Symmetrize(gram);
            var (values, vectors) = SymmetricEigen.Decompose(gram);
            if (!(values.Min() > GramRankTolerance * values.Max()))
            {
                return null;
            }

            var scaled = Matrix<double>.Build.Dense(vectors.RowCount, vectors.ColumnCount, (i, j) => vectors.At(i, j) / Math.Sqrt(values[j]));
            current = FastLinearAlgebra.Multiply(current, scaled);
        }

        return current;
    }

    // Gram eigenvalues below this fraction of the largest: B is rank-deficient (cond(B) above about 1e7).
    private const double GramRankTolerance = 1e-14;
}
