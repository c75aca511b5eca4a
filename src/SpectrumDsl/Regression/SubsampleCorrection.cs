using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Msk;

namespace SpectrumDsl.Regression;

/// <summary>
/// EigenPro's preconditioner restricted to the subsample coefficients (docs/design.md#eigenpro): with the top-k
/// eigenpairs (sigma_i, u_i) of K_ss and c_i = s g_i / sigma_i - 1, a batch B with residual G_B adds
/// E D E^T K(X_S, X_B) G_B to alpha_S (times -eta / b), E = [u_1 .. u_k], D = diag(c_i / sigma_i).
/// </summary>
/// <remarks>
/// Why: e_i = sum_j u_i[j] K(., x_j) / sqrt(sigma_i) (j in S) are orthonormal in the kernel's Hilbert space H and are
/// the eigenfunctions of the subsample's covariance operator, eigenvalue sigma_i / s. P = I + sum_i c_i e_i (x) e_i
/// is then positive definite exactly (for g_i &gt; 0), whatever the subsample, and maps e_i to (g_i s / sigma_i) e_i.
/// Applied to the batch gradient (1/b) sum_(l in B) G_l K(., x_l), the correction term is
/// sum_i c_i e_i &lt;e_i, K(., x_l)&gt; = sum_i c_i e_i e_i(x_l) with e_i(x_l) = (K(x_l, X_S) u_i) / sqrt(sigma_i):
/// in coefficients on X_S, E D E^T K(X_S, X_B) G_B. Cost per batch O(b s c + s k c), memory O(s k).
/// </remarks>
internal sealed class SubsampleCorrection
{
    private readonly Matrix<double> vectors;   // E, s x k
    private readonly Matrix<double> weighted;  // E D, s x k

    public SubsampleCorrection(SpectralModification modification)
    {
        vectors = modification.Eigenpairs.VectorsView;
        weighted = vectors.Clone();
        var sigma = modification.Eigenpairs.ValuesView;
        var scales = modification.Scales;
        for (var i = 0; i < modification.Rank; i++)
        {
            weighted.SetColumn(i, vectors.Column(i) * (scales[i] / sigma[i]));
        }
    }

    /// <summary>
    /// K_P(X_R, X_R) - K(X_R, X_R) = sum_i c_i e_i(X_R) e_i(X_R)^T = C E D E^T C^T for <paramref name="cross"/> C = K(X_R, X_S),
    /// made exactly symmetric.
    /// </summary>
    public Matrix<double> Modification(Matrix<double> cross)
    {
        var result = FastLinearAlgebra.MultiplyTransposed(FastLinearAlgebra.Multiply(cross, weighted), FastLinearAlgebra.Multiply(cross, vectors));
        PointProducts.Symmetrize(result);
        return result;
    }

    /// <summary>E D E^T <paramref name="projected"/>, where <paramref name="projected"/> = K(X_S, X_B) G_B (s x c).</summary>
    public Matrix<double> Apply(Matrix<double> projected) =>
        FastLinearAlgebra.Multiply(weighted, FastLinearAlgebra.TransposeAndMultiply(vectors, projected));
}
