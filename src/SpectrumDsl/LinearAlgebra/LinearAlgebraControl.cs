using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// The one place that chooses, and reports, how the numerics run (in the manner of MathNet's
/// <c>LinearAlgebraControl</c>): the vector width of every hand-written kernel, the thread count of the parallel
/// ones, whether large products use the packed GEMM, and the dense eigen backend. Nothing else in the library
/// reads an environment variable or the hardware flags; the hot paths read the properties below.
/// </summary>
/// <remarks>
/// The settings are process-wide. Tests change them only through <see cref="Override"/>, in a test collection
/// that runs alone (a changed width changes rounding, which would break a concurrent bit-for-bit comparison).
/// </remarks>
internal static class LinearAlgebraControl
{
    /// <summary>The environment variable that forces the eigen backend (values <c>lapack</c> or <c>managed</c>).</summary>
    public const string EigenBackendVariable = "SPECTRUMDSL_EIGEN_BACKEND";

    private static readonly Lazy<EigenBackendChoice> EigenChoice = new(ChooseEigenBackend, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The widest vector width this hardware runs natively.</summary>
    public static VectorWidth HardwareWidth { get; } =
        Vector512.IsHardwareAccelerated ? VectorWidth.Vector512
        : Vector256.IsHardwareAccelerated ? VectorWidth.Vector256
        : VectorWidth.Scalar;

    /// <summary>The width every hand-written kernel uses (the hardware's, unless a test overrides it).</summary>
    public static VectorWidth Width { get; private set; } = HardwareWidth;

    /// <summary>The thread count a process starts with: one per processor.</summary>
    public static int DefaultThreads { get; } = Environment.ProcessorCount;

    /// <summary>How many threads the parallel kernels (GEMM, kernel recursion, mirror) use, the caller included.</summary>
    public static int Threads { get; private set; } = DefaultThreads;

    /// <summary>Whether products large enough for packing go to the packed GEMM (else the plain vector loops).</summary>
    public static bool PackedProducts { get; private set; } = true;

    /// <summary>Where the eigen backend choice is reported once, on first use (also written to <see cref="Trace"/>).</summary>
    public static TextWriter? Log { get; set; }

    /// <summary>The dense symmetric eigen backend, chosen on first access (reads <see cref="EigenBackendVariable"/> and probes LAPACK).</summary>
    public static EigenBackendChoice Eigen => EigenChoice.Value;

    /// <summary>
    /// Changes the given settings until the returned scope is disposed (then the previous values return).
    /// Any width may be forced: Vector512 without AVX-512 hardware runs emulated, slowly but with the same results
    /// as on AVX-512 hardware.
    /// </summary>
    public static Scope Override(VectorWidth? width = null, int? threads = null, bool? packedProducts = null)
    {
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread is needed.");
        }

        var scope = new Scope(Width, Threads, PackedProducts);
        Width = width ?? Width;
        Threads = threads ?? Threads;
        PackedProducts = packedProducts ?? PackedProducts;
        return scope;
    }

    /// <summary>Restores the settings that were in force when <see cref="Override"/> was called.</summary>
    internal readonly struct Scope(VectorWidth width, int threads, bool packedProducts) : IDisposable
    {
        /// <summary>Puts the previous settings back.</summary>
        public void Dispose()
        {
            Width = width;
            Threads = threads;
            PackedProducts = packedProducts;
        }
    }

    private static EigenBackendChoice ChooseEigenBackend()
    {
        // Pin the native library's threads before probing it, so the probe sees the configuration every call uses;
        // to the default count, not the current one, so a test's override cannot make one process differ from another.
        string threads = LapackNative.IsAvailable ? LapackNative.PinThreads(DefaultThreads) : "";
        string library = LapackNative.Describe() + (threads.Length > 0 ? $", {threads}" : "");
        var choice = EigenBackendRule.Select(
            Environment.GetEnvironmentVariable(EigenBackendVariable), LapackNative.IsAvailable, library, LapackNative.LoadError, LapackProbe.Run);
        string message = $"SpectrumDsl: symmetric eigendecomposition backend: {choice.Description}";
        Log?.WriteLine(message);
        Trace.WriteLine(message);
        return choice;
    }
}
