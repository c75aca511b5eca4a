using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// A positive semidefinite kernel on R^d. Point sets are matrices with one point per row.
/// </summary>
public interface IKernel
{
    /// <summary>A short human-readable name with the parameters, for reports.</summary>
    string Name { get; }

    /// <summary>K(x, z) for two points.</summary>
    double Evaluate(Vector<double> x, Vector<double> z);

    /// <summary>The n x n Gram matrix K(X, X): exactly symmetric.</summary>
    Matrix<double> Gram(Matrix<double> x);

    /// <summary>The m x n cross matrix K(X*, X) between new points (rows of <paramref name="xNew"/>) and <paramref name="x"/>.</summary>
    Matrix<double> Cross(Matrix<double> xNew, Matrix<double> x);
}

/// <summary>
/// A kernel that depends on unit-norm inputs only through t = x . z, so on the sphere
/// S^(d-1) it is kappa(t) and its eigenfunctions are the spherical harmonics (docs/design.md#sphere-spectra).
/// </summary>
public interface ISphericalKernel : IKernel
{
    /// <summary>kappa(t) = K(x, z) for unit vectors x, z in R^d with x . z = t.</summary>
    double OnSphere(double t, int dimension);
}
