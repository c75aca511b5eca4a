using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// Kernel regression: alpha = (K + ridge I)^-1 y, predictions K(X*, X) alpha. With ridge 0 this
/// is the interpolant gradient descent converges to in the kernel regime.
/// </summary>
public static class KernelRegression
{
    /// <summary>Fits kernel (ridge) regression with any kernel, a Modified Spectrum Kernel included.</summary>
    public static KernelRegressor Fit(IKernel kernel, Matrix<double> x, Vector<double> y, double ridge = 0)
    {
        Guard.NotNull(kernel, nameof(kernel));
        Guard.Points(x, nameof(x));
        Guard.Finite(y, nameof(y));
        Guard.SameLength(y.Count, nameof(y), x.RowCount, "x (rows)");
        Guard.NonNegative(ridge, nameof(ridge), "Use 0 for interpolation.");
        var gram = kernel.Gram(x);
        return new KernelRegressor(kernel, x.Clone(), Solve(gram, y, ridge));
    }

    /// <summary>Solves (K + ridge I) alpha = y by Cholesky, refusing a singular K with advice.</summary>
    public static Vector<double> Solve(Matrix<double> gram, Vector<double> y, double ridge = 0)
    {
        Guard.Square(gram, nameof(gram));
        Guard.Finite(gram, nameof(gram));
        Guard.Finite(y, nameof(y));
        Guard.SameLength(y.Count, nameof(y), gram.RowCount, "gram");
        Guard.NonNegative(ridge, nameof(ridge), "Use 0 for interpolation.");
        var system = gram.Clone();
        for (var i = 0; i < system.RowCount; i++)
        {
            system[i, i] += ridge;
        }

        Vector<double> alpha;
        try
        {
            alpha = system.Cholesky().Solve(y);
        }
        catch (ArgumentException error)
        {
            throw new SingularGramException(
                $"The Gram matrix (n = {gram.RowCount}) is not positive definite to working precision with ridge = {Guard.Format(ridge)}: remove duplicate training points or pass ridge > 0 (for example 1e-8 times its largest diagonal entry).",
                error);
        }

        // Cholesky may succeed on a nearly singular matrix and return noise: check the fit.
        var misfit = (system * alpha - y).L2Norm();
        if (!double.IsFinite(misfit) || misfit > 1e-6 * Math.Max(y.L2Norm(), double.Epsilon))
        {
            throw new SingularGramException(
                $"The Gram matrix (n = {gram.RowCount}) is too ill-conditioned to interpolate (relative misfit {Guard.Format(misfit / Math.Max(y.L2Norm(), double.Epsilon))}) with ridge = {Guard.Format(ridge)}: remove duplicate training points or pass ridge > 0.");
        }

        return alpha;
    }
}

/// <summary>A fitted kernel regression model.</summary>
public sealed class KernelRegressor
{
    private readonly Matrix<double> trainingInputs;
    private readonly Vector<double> coefficients;

    internal KernelRegressor(IKernel kernel, Matrix<double> trainingInputs, Vector<double> coefficients)
    {
        Kernel = kernel;
        this.trainingInputs = trainingInputs;
        this.coefficients = coefficients;
    }

    /// <summary>The kernel.</summary>
    public IKernel Kernel { get; }

    /// <summary>alpha, one weight per training point (a copy).</summary>
    public Vector<double> Coefficients => coefficients.Clone();

    /// <summary>f(X*) = K(X*, X) alpha.</summary>
    public Vector<double> Predict(Matrix<double> xNew) => Kernel.Cross(xNew, trainingInputs) * coefficients;
}
