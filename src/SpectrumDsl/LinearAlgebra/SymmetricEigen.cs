using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>Which implementation computes full symmetric eigendecompositions.</summary>
public enum EigenBackend
{
    /// <summary>LAPACK <c>dsyevd</c> (divide and conquer) from the system's liblapack.so.3.</summary>
    Lapack,
    /// <summary>MathNet.Numerics' managed symmetric EVD (always available, much slower for large n).</summary>
    Managed,
}

/// <summary>
/// Full eigendecomposition of a dense symmetric matrix, eigenvalues in DESCENDING order with unit eigenvectors as
/// the columns in the same order; only the lower triangle of the input is read (<c>EigenSolver.Full</c> is the
/// public entry point). The backend is chosen once per process: LAPACK dsyevd from liblapack.so.3 if it loads and
/// a probe finds it bit-reproducible, else MathNet's managed EVD; <c>SPECTRUMDSL_EIGEN_BACKEND=lapack|managed</c>
/// forces it. The choice is written once to <see cref="Log"/> (if set) and to <see cref="System.Diagnostics.Trace"/>.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Name of the environment variable that forces the backend (values <c>lapack</c> or <c>managed</c>).</summary>
    public const string BackendEnvironmentVariable = LinearAlgebraControl.EigenBackendVariable;

    /// <summary>Where the backend choice is reported (once, on first use). Set it before the first decomposition.</summary>
    public static TextWriter? Log
    {
        get => LinearAlgebraControl.Log;
        set => LinearAlgebraControl.Log = value;
    }

    /// <summary>The backend used for every dense symmetric eigendecomposition (chosen on first access).</summary>
    public static EigenBackend Backend => LinearAlgebraControl.Eigen.Backend;

    /// <summary>
    /// Human-readable description of <see cref="Backend"/>: the library and the file it was loaded from, why it
    /// was chosen, and whether it is bit-reproducible, e.g. "LAPACK dsyevd (liblapack.so.3 at /usr/lib/...); bit-reproducible: ..."
    /// or "MathNet managed (forced by SPECTRUMDSL_EIGEN_BACKEND=managed)".
    /// </summary>
    public static string BackendDescription => LinearAlgebraControl.Eigen.Description;

    /// <summary>
    /// Whether the same matrix gives bit-identical eigenpairs on every call in this process (the managed backend
    /// always; LAPACK as measured by a probe at first use). See docs/reliability.md.
    /// </summary>
    public static bool IsReproducible => LinearAlgebraControl.Eigen.Reproducible;

    /// <summary>Whether LAPACK dsyevd could be loaded from the system (independent of the chosen backend).</summary>
    public static bool IsLapackAvailable => LapackNative.IsAvailable;

    /// <summary>All eigenpairs with the process-wide <see cref="Backend"/>.</summary>
    internal static (double[] Values, Matrix<double> Vectors) Decompose(Matrix<double> symmetric) => Decompose(symmetric, Backend);

    /// <summary>All eigenpairs with an explicit backend; <see cref="EigenBackend.Lapack"/> throws <see cref="InvalidOperationException"/> if LAPACK is not available.</summary>
    internal static (double[] Values, Matrix<double> Vectors) Decompose(Matrix<double> symmetric, EigenBackend backend)
    {
        ArgumentNullException.ThrowIfNull(symmetric);
        if (symmetric.RowCount != symmetric.ColumnCount)
        {
            throw new ArgumentException($"Matrix must be square for a symmetric eigendecomposition, but is {FastLinearAlgebra.Shape(symmetric)}.", nameof(symmetric));
        }

        int n = symmetric.RowCount;
        if (n == 0)
        {
            return ([], new DenseMatrix(0, 0));
        }

        return backend switch
        {
            EigenBackend.Lapack => LapackNative.IsAvailable
                ? DecomposeLapack(symmetric)
                : throw new InvalidOperationException($"LAPACK backend requested but {LapackNative.Description} could not be loaded: {LapackNative.LoadError}"),
            EigenBackend.Managed => DecomposeManaged(symmetric),
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown eigen backend."),
        };
    }

    private static (double[] Values, Matrix<double> Vectors) DecomposeLapack(Matrix<double> symmetric)
    {
        int n = symmetric.RowCount;
        double[] source = symmetric.AsColumnMajorArray() ?? symmetric.ToColumnMajorArray();
        double[] ascending = new double[n];
        var vectors = new DenseMatrix(n, n);
        double[] v = vectors.Values;
        int info = LapackNative.Dsyevd(n, source, ascending, v);
        if (info != 0)
        {
            throw new InvalidOperationException(
                info < 0
                    ? $"LAPACK dsyevd rejected argument {-info} (n = {n})."
                    : $"LAPACK dsyevd failed to converge (info = {info}, n = {n}); try {BackendEnvironmentVariable}=managed.");
        }

        // dsyevd returns ascending eigenvalues: reverse values and columns.
        double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = ascending[n - 1 - i];
        }

        double[] column = new double[n];
        for (int i = 0; i < n / 2; i++)
        {
            var left = v.AsSpan(i * n, n);
            var right = v.AsSpan((n - 1 - i) * n, n);
            left.CopyTo(column);
            right.CopyTo(left);
            column.CopyTo(right);
        }

        return (values, vectors);
    }

    private static (double[] Values, Matrix<double> Vectors) DecomposeManaged(Matrix<double> symmetric)
    {
        int n = symmetric.RowCount;

        // Read the lower triangle only (as LAPACK does), so both backends see the same matrix.
        var copy = DenseMatrix.OfMatrix(symmetric);
        double[] c = copy.Values;
        for (int j = 0; j < n; j++)
        {
            for (int i = j + 1; i < n; i++)
            {
                c[(long)i * n + j] = c[(long)j * n + i];
            }
        }

        Evd<double> evd = copy.Evd(Symmetricity.Symmetric);
        double[] raw = new double[n];
        for (int i = 0; i < n; i++)
        {
            raw[i] = evd.EigenValues[i].Real;
        }

        int[] order = Enumerable.Range(0, n).OrderByDescending(i => raw[i]).ThenBy(i => i).ToArray();
        double[] values = new double[n];
        var vectors = new DenseMatrix(n, n);
        Matrix<double> ev = evd.EigenVectors;
        double[] src = ev is DenseMatrix d ? d.Values : ev.ToColumnMajorArray();
        for (int i = 0; i < n; i++)
        {
            values[i] = raw[order[i]];
            Array.Copy(src, (long)order[i] * n, vectors.Values, (long)i * n, n);
        }

        return (values, vectors);
    }
}
