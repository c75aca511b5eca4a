using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Spectra;

/// <summary>
/// Nystrom eigenpairs of an n x n Gram with the subsample they come from: <see cref="Pairs"/> (n x k,
/// approximate), the sampled <see cref="Indices"/> and <see cref="Points"/> (s x d), the
/// <see cref="Coefficients"/> A (s x k) with V = K(X, X_S) A, and the subsample Gram's own top eigenpairs
/// <see cref="SubsamplePairs"/> (null when restored from a checkpoint, which does not need them).
/// </summary>
internal sealed record NystromEigenpairs(EigenDecomposition Pairs, int[] Indices, Matrix<double> Points, Matrix<double> Coefficients, EigenDecomposition? SubsamplePairs);
