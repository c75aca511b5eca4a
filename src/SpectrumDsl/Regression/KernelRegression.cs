using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// Kernel regression: alpha = (K + ridge I)^-1 Y, predictions K(X*, X) alpha, for labels with one
/// or several columns (outputs share the kernel and are fitted independently). With ridge 0 this is
/// the interpolant gradient descent converges to in the kernel regime.
/// </summary>
public static class KernelRegression
{
    /// <summary>Fits kernel (ridge) regression with any kernel, a Modified Spectrum Kernel included.</summary>
    public static KernelRegressor Fit(IKernel kernel, Matrix<double> x, Vector<double> y, double ridge = 0)
    {
        Guard.Finite(y, nameof(y));
        return Fit(kernel, x, Matrix<double>.Build.DenseOfColumnVectors(y), ridge);
    }

    /// <summary>Fits kernel (ridge) regression to the n x c labels <paramref name="y"/>, one column per output.</summary>
    public static KernelRegressor Fit(IKernel kernel, Matrix<double> x, Matrix<double> y, double ridge = 0)
    {
        Guard.NotNull(kernel, nameof(kernel));
        Guard.Points(x, nameof(x));
        Guard.Finite(y, nameof(y));
        Guard.SameCount(y.RowCount, nameof(y), "rows (labels)", x.RowCount, "x (points)");
        Guard.NonNegative(ridge, nameof(ridge), "Use 0 for interpolation.");
        var gram = kernel.Gram(x);
        return new KernelRegressor(kernel, x.Clone(), Solve(gram, y, ridge));
    }

    /// <summary>Solves (K + ridge I) alpha = y by Cholesky, refusing a singular K with advice.</summary>
    public static Vector<double> Solve(Matrix<double> gram, Vector<double> y, double ridge = 0)
    {
        Guard.Square(gram, nameof(gram));
        Guard.Finite(y, nameof(y));
        Guard.SameLength(y.Count, nameof(y), gram.RowCount, "gram");
        return Solve(gram, Matrix<double>.Build.DenseOfColumnVectors(y), ridge).Column(0);
    }

    /// <summary>Solves (K + ridge I) A = Y for every column of <paramref name="y"/> by one (blocked) Cholesky factorisation.</summary>
    public static Matrix<double> Solve(Matrix<double> gram, Matrix<double> y, double ridge = 0)
    {
        Guard.Square(gram, nameof(gram));
        Guard.Finite(gram, nameof(gram));
        Guard.Finite(y, nameof(y));
        Guard.SameCount(y.RowCount, nameof(y), "rows", gram.RowCount, "gram");
        Guard.NonNegative(ridge, nameof(ridge), "Use 0 for interpolation.");
        var system = gram.Clone();
        for (var i = 0; i < system.RowCount; i++)
        {
            system[i, i] += ridge;
        }

        if (!BlockedCholesky.TryFactor(system, out var failedColumn))
        {
            throw new SingularGramException(
                $"The Gram matrix (n = {gram.RowCount}) is not positive definite to working precision with ridge = {Guard.Format(ridge)} (Cholesky pivot {failedColumn} is not positive): remove duplicate training points or pass ridge > 0 (for example 1e-8 times its largest diagonal entry).");
        }

        var alpha = BlockedCholesky.Solve(system, y);

        // Cholesky may succeed on a nearly singular matrix and return noise: check the fit.
        var scale = Math.Max(FastLinearAlgebra.FrobeniusNorm(y), double.Epsilon);
        var misfit = FastLinearAlgebra.FrobeniusNorm(FastLinearAlgebra.Multiply(gram, alpha) + ridge * alpha - y);
        if (!double.IsFinite(misfit) || misfit > 1e-6 * scale)
        {
            throw new SingularGramException(
                $"The Gram matrix (n = {gram.RowCount}) is too ill-conditioned to interpolate (relative misfit {Guard.Format(misfit / scale)}) with ridge = {Guard.Format(ridge)}: remove duplicate training points or pass ridge > 0.");
        }

        return alpha;
    }
}

/// <summary>A fitted kernel regression model.</summary>
public sealed class KernelRegressor
{
    private readonly Matrix<double> trainingInputs;
    private readonly Matrix<double> coefficients;

    internal KernelRegressor(IKernel kernel, Matrix<double> trainingInputs, Matrix<double> coefficients)
    {
        Kernel = kernel;
        this.trainingInputs = trainingInputs;
        this.coefficients = coefficients;
    }

    /// <summary>The kernel.</summary>
    public IKernel Kernel { get; }

    /// <summary>c, the number of outputs (label columns) fitted.</summary>
    public int OutputCount => coefficients.ColumnCount;

    /// <summary>alpha, one weight per training point, of a single-output fit (a copy).</summary>
    public Vector<double> Coefficients
    {
        get
        {
            RequireSingleOutput(nameof(CoefficientMatrix));
            return coefficients.Column(0);
        }
    }

    /// <summary>alpha, n x c: one column of weights per output (a copy).</summary>
    public Matrix<double> CoefficientMatrix => coefficients.Clone();

    /// <summary>f(X*) = K(X*, X) alpha of a single-output fit.</summary>
    public Vector<double> Predict(Matrix<double> xNew)
    {
        RequireSingleOutput(nameof(PredictOutputs));
        return PredictOutputs(xNew).Column(0);
    }

    /// <summary>F(X*) = K(X*, X) alpha, one row per new point and one column per output.</summary>
    public Matrix<double> PredictOutputs(Matrix<double> xNew) => Kernel.Cross(xNew, trainingInputs) * coefficients;

    private void RequireSingleOutput(string alternative)
    {
        if (OutputCount != 1)
        {
            throw new InvalidOperationException($"This model has {OutputCount} outputs; use {alternative} for a matrix with one column per output.");
        }
    }
}
