using System.Diagnostics;
using System.Runtime.InteropServices;
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
/// Full eigendecomposition of a dense symmetric matrix, eigenvalues in DESCENDING order with unit
/// eigenvectors as the columns in the same order. Only the lower triangle of the input is read.
/// The backend is chosen once per process: LAPACK dsyevd from liblapack.so.3 if it loads, else MathNet's
/// managed EVD; the environment variable <c>SPECTRUMDSL_EIGEN_BACKEND=lapack|managed</c> forces it.
/// The choice is written once to <see cref="Log"/> (if set) and to <see cref="Trace"/>.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Name of the environment variable that forces the backend (values <c>lapack</c> or <c>managed</c>).</summary>
    public const string BackendEnvironmentVariable = "SPECTRUMDSL_EIGEN_BACKEND";

    private static readonly Lazy<(EigenBackend Backend, string Description)> Choice = new(Choose, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where the backend choice is reported (once, on first use). Set it before the first decomposition.</summary>
    public static TextWriter? Log { get; set; }

    /// <summary>The backend used by <see cref="Decompose(Matrix{double})"/> (chosen on first access).</summary>
    public static EigenBackend Backend => Choice.Value.Backend;

    /// <summary>Human-readable description of <see cref="Backend"/>, e.g. "LAPACK dsyevd (liblapack.so.3)" or "MathNet managed".</summary>
    public static string BackendDescription => Choice.Value.Description;

    /// <summary>Whether LAPACK dsyevd could be loaded from the system (independent of the chosen backend).</summary>
    public static bool IsLapackAvailable => LapackNative.IsAvailable;

    /// <summary>All eigenpairs with the process-wide <see cref="Backend"/>.</summary>
    public static (double[] Values, Matrix<double> Vectors) Decompose(Matrix<double> symmetric) => Decompose(symmetric, Backend);

    /// <summary>All eigenpairs with an explicit backend; <see cref="EigenBackend.Lapack"/> throws <see cref="InvalidOperationException"/> if LAPACK is not available.</summary>
    public static (double[] Values, Matrix<double> Vectors) Decompose(Matrix<double> symmetric, EigenBackend backend)
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

    private static (EigenBackend, string) Choose()
    {
        var (backend, description) = Select(
            Environment.GetEnvironmentVariable(BackendEnvironmentVariable), LapackNative.IsAvailable, LapackNative.Description, LapackNative.LoadError);
        string message = $"SpectrumDsl: symmetric eigendecomposition backend: {description}";
        Log?.WriteLine(message);
        Trace.WriteLine(message);
        return (backend, description);
    }

    /// <summary>The selection rule (pure, for tests): environment override first, else LAPACK if it loaded.</summary>
    internal static (EigenBackend Backend, string Description) Select(string? environmentValue, bool lapackAvailable, string library, string loadError)
    {
        string? forced = environmentValue?.Trim().ToLowerInvariant();
        (EigenBackend backend, string description) = forced switch
        {
            "managed" => (EigenBackend.Managed, $"MathNet managed (forced by {BackendEnvironmentVariable}=managed)"),
            "lapack" when lapackAvailable => (EigenBackend.Lapack, $"LAPACK dsyevd ({library}, forced by {BackendEnvironmentVariable}=lapack)"),
            "lapack" => (EigenBackend.Managed, $"MathNet managed ({BackendEnvironmentVariable}=lapack but {library} could not be loaded: {loadError})"),
            _ when lapackAvailable => (EigenBackend.Lapack, $"LAPACK dsyevd ({library})"),
            _ => (EigenBackend.Managed, $"MathNet managed ({library} not loadable: {loadError})"),
        };

        if (!string.IsNullOrEmpty(forced) && forced is not ("managed" or "lapack"))
        {
            description += $"; ignored unknown {BackendEnvironmentVariable}={forced}";
        }

        return (backend, description);
    }

    private static (double[] Values, Matrix<double> Vectors) DecomposeLapack(Matrix<double> symmetric)
    {
        int n = symmetric.RowCount;
        double[] a = symmetric is DenseMatrix dense ? (double[])dense.Values.Clone() : symmetric.ToColumnMajorArray();
        double[] w = new double[n];
        int info = LapackNative.Dsyevd(n, a, w);
        if (info != 0)
        {
            throw new InvalidOperationException(
                info < 0
                    ? $"LAPACK dsyevd rejected argument {-info} (n = {n})."
                    : $"LAPACK dsyevd failed to converge (info = {info}, n = {n}); try {BackendEnvironmentVariable}=managed.");
        }

        // dsyevd returns ascending eigenvalues: reverse values and columns.
        double[] values = new double[n];
        var vectors = new DenseMatrix(n, n);
        double[] v = vectors.Values;
        for (int i = 0; i < n; i++)
        {
            values[i] = w[n - 1 - i];
            Array.Copy(a, (long)(n - 1 - i) * n, v, (long)i * n, n);
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

/// <summary>Binding to LAPACK dsyevd_ (Fortran calling convention: every argument by pointer, column-major).</summary>
internal static unsafe class LapackNative
{
    private static readonly string[] Candidates = ["liblapack.so.3", "liblapack.so", "liblapack.dylib", "liblapack.dll"];

    // dsyevd_(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, len(jobz), len(uplo))
    private static readonly delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nint, nint, void> DsyevdPtr;

    static LapackNative()
    {
        Description = Candidates[0];
        var errors = new List<string>();
        foreach (string name in Candidates)
        {
            try
            {
                if (NativeLibrary.TryLoad(name, out nint handle))
                {
                    if (NativeLibrary.TryGetExport(handle, "dsyevd_", out nint address))
                    {
                        DsyevdPtr = (delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nint, nint, void>)address;
                        Description = name;
                        LoadError = "";
                        return;
                    }

                    errors.Add($"{name} has no dsyevd_");
                }
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
            {
                errors.Add($"{name}: {e.Message}");
            }
        }

        LoadError = errors.Count == 0 ? "no LAPACK library found" : string.Join("; ", errors);
    }

    /// <summary>Whether dsyevd_ was found.</summary>
    public static bool IsAvailable => DsyevdPtr != null;

    /// <summary>The library that provided dsyevd_ (or the first candidate if none did).</summary>
    public static string Description { get; }

    /// <summary>Why loading failed ("" when it succeeded).</summary>
    public static string LoadError { get; } = "";

    /// <summary>Eigenvalues (ascending) into w and eigenvectors over a (n x n column-major, lower triangle read). Returns LAPACK's info.</summary>
    public static int Dsyevd(int n, double[] a, double[] w)
    {
        byte jobz = (byte)'V', uplo = (byte)'L';
        int lda = Math.Max(1, n), info = 0;
        int lwork = -1, liwork = -1;
        double workQuery = 0;
        int iworkQuery = 0;
        fixed (double* pa = a)
        fixed (double* pw = w)
        {
            DsyevdPtr(&jobz, &uplo, &n, pa, &lda, pw, &workQuery, &lwork, &iworkQuery, &liwork, &info, 1, 1);
            if (info != 0)
            {
                return info;
            }

            lwork = Math.Max(1, (int)Math.Ceiling(workQuery));
            liwork = Math.Max(1, iworkQuery);
            double[] work = GC.AllocateUninitializedArray<double>(lwork);
            int[] iwork = GC.AllocateUninitializedArray<int>(liwork);
            fixed (double* pwork = work)
            fixed (int* piwork = iwork)
            {
                DsyevdPtr(&jobz, &uplo, &n, pa, &lda, pw, pwork, &lwork, piwork, &liwork, &info, 1, 1);
            }
        }

        return info;
    }
}
