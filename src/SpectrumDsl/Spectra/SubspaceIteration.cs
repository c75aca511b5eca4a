using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SpectrumDsl.Data;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Spectra;

/// <summary>
/// Top-k eigenpairs of a symmetric positive semidefinite matrix by randomised block subspace
/// iteration with Rayleigh-Ritz (Halko, Martinsson, Tropp 2011; the solver EigenPro uses):
/// every iteration is one n x n by n x b product, so the cost is O(n^2 b) per iteration instead
/// of the O(n^3) of a full decomposition.
/// </summary>
internal static class SubspaceIteration
{
    // Stop when every wanted Ritz pair has r = ||A u - theta u|| <= ResidualTolerance * theta_1.
    // For a symmetric matrix the eigenvalue error is at most r^2 / gap: with a gap of at least
    // 1e-6 delta_1 that is 1e-14 delta_1, so every eigenvalue above 1e-6 delta_1 is within the
    // 1e-8 relative contract; eigenvectors (at a gap) are accurate to r / gap.
    internal const double ResidualTolerance = 1e-10;

    private const int MaxIterations = 500;

    /// <summary>Runs the iteration; <paramref name="iterations"/> reports how many products it took.</summary>
    public static EigenDecomposition Top(Matrix<double> a, int count, out int iterations)
    {
        var n = a.RowCount;
        // Oversampling: the extra columns make the convergence rate delta_(b+1) / delta_k
        // instead of delta_(k+1) / delta_k, which matters where eigenvalues cluster.
        var block = Math.Min(n, count + Math.Max(10, count / 2));
        var sampler = new GaussianSampler(seed: 20240731);
        var start = Matrix<double>.Build.Dense(n, block, (_, _) => sampler.Next());
        var q = Orthonormal(FastLinearAlgebra.Multiply(a, start));

        double[] values = [];
        Matrix<double> vectors = q;
        for (iterations = 1; iterations <= MaxIterations; iterations++)
        {
            var z = FastLinearAlgebra.Multiply(a, q);
            var projected = FastLinearAlgebra.TransposeAndMultiply(q, z);
            projected = 0.5 * (projected + projected.Transpose());
            var evd = projected.Evd(Symmetricity.Symmetric);
            // Ritz pairs, descending.
            var order = Enumerable.Range(0, block).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
            var w = Matrix<double>.Build.Dense(block, block, (row, column) => evd.EigenVectors[row, order[column]]);
            values = order.Select(i => evd.EigenValues[i].Real).ToArray();
            vectors = q * w;
            var images = z * w;   // A u_j for every Ritz vector, without another product with A
            if (Converged(images, vectors, values, count))
            {
                break;
            }

            q = Orthonormal(images);
        }

        iterations = Math.Min(iterations, MaxIterations);
        return new EigenDecomposition(a, values[..count], vectors.SubMatrix(0, n, 0, count));
    }

    private static bool Converged(Matrix<double> images, Matrix<double> vectors, double[] values, int count)
    {
        var scale = Math.Max(Math.Abs(values[0]), double.Epsilon);
        for (var j = 0; j < count; j++)
        {
            var residual = 0.0;
            for (var i = 0; i < images.RowCount; i++)
            {
                var difference = images.At(i, j) - values[j] * vectors.At(i, j);
                residual += difference * difference;
            }

            if (Math.Sqrt(residual) > ResidualTolerance * scale)
            {
                return false;
            }
        }

        return true;
    }

    private static Matrix<double> Orthonormal(Matrix<double> columns) => columns.QR(QRMethod.Thin).Q;
}
