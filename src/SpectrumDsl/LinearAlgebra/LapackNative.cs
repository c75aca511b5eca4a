using System.Globalization;
using System.Runtime.InteropServices;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// Binding to LAPACK dsyevd_ (Fortran calling convention: every argument by pointer, column-major), loaded once
/// from the system (liblapack.so.3: reference LAPACK, or OpenBLAS through update-alternatives or LD_LIBRARY_PATH).
/// </summary>
internal static unsafe class LapackNative
{
    /// <summary>Byte alignment of every buffer handed to the library (a cache line; the widest vector is 64 bytes).</summary>
    internal const int Alignment = 64;

    private static readonly string[] Candidates = ["liblapack.so.3", "liblapack.so", "liblapack.dylib", "liblapack.dll"];

    // dsyevd_(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info, len(jobz), len(uplo))
    private static readonly delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nint, nint, void> DsyevdPtr;
    private static readonly nint Handle;

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
                        Handle = handle;
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

    /// <summary>The library name that provided dsyevd_ (or the first candidate if none did).</summary>
    public static string Description { get; }

    /// <summary>Why loading failed ("" when it succeeded).</summary>
    public static string LoadError { get; } = "";

    /// <summary>
    /// The library as loaded: its name, the file dsyevd_ actually came from (the same name resolves to reference
    /// LAPACK or OpenBLAS depending on the system), and OpenBLAS's build and kernel when it is OpenBLAS.
    /// </summary>
    public static string Describe()
    {
        if (!IsAvailable)
        {
            return Description;
        }

        string text = Description;
        if (LoadedFile((nint)DsyevdPtr) is { } file)
        {
            text += $" at {file}";
        }

        if (Export("openblas_get_config") is { } config)
        {
            string core = Export("openblas_get_corename") is { } corename
                ? Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)corename)()) ?? "?"
                : "?";
            text += $", {Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)config)())?.Trim()}, core {core}";
        }

        return text;
    }

    /// <summary>
    /// Fixes the library's own thread count where it has one (OpenBLAS: its threaded kernels split work, and so round,
    /// differently for different counts, and OPENBLAS_NUM_THREADS may differ between processes). Returns what was
    /// done, "" when the library has no such setting.
    /// </summary>
    public static string PinThreads(int threads)
    {
        if (Export("openblas_set_num_threads") is not { } set)
        {
            return "";
        }

        ((delegate* unmanaged<int, void>)set)(threads);
        return $"OpenBLAS threads pinned to {threads}";
    }

    /// <summary>
    /// Eigenvalues (ascending) into <paramref name="values"/> and eigenvectors (column-major, same order) into
    /// <paramref name="vectors"/> of the n x n column-major <paramref name="matrix"/> (lower triangle read).
    /// Returns LAPACK's info. Every array the library sees is a fresh native buffer aligned to <see cref="Alignment"/>
    /// bytes: some OpenBLAS kernels peel elements until an address is aligned, so the same matrix at another managed
    /// address would otherwise be summed in another order (different last bits).
    /// </summary>
    /// <param name="n">The matrix order.</param>
    /// <param name="matrix">The n x n column-major input (not modified).</param>
    /// <param name="values">Receives the n eigenvalues, ascending.</param>
    /// <param name="vectors">Receives the n x n column-major eigenvectors.</param>
    /// <param name="misalignment">Doubles by which every buffer is moved off the alignment: 0 in production, other
    /// values only for <see cref="LapackProbe"/>, which measures whether the library is alignment-sensitive.</param>
    public static int Dsyevd(int n, ReadOnlySpan<double> matrix, Span<double> values, Span<double> vectors, int misalignment = 0)
    {
        long count = (long)n * n;
        if (matrix.Length != count || vectors.Length != count || values.Length != n)
        {
            throw new ArgumentException($"dsyevd of n = {n} needs {count} matrix and vector entries and {n} values.");
        }

        byte jobz = (byte)'V', uplo = (byte)'L';
        int lda = Math.Max(1, n), info = 0;
        double* a = null, w = null, work = null;
        int* iwork = null;
        try
        {
            a = Allocate<double>(count, misalignment);
            w = Allocate<double>(n, misalignment);
            matrix.CopyTo(new Span<double>(a, checked((int)count)));

            // Workspace query (lwork = liwork = -1): the sizes depend on n only.
            int lwork = -1, liwork = -1;
            double workQuery = 0;
            int iworkQuery = 0;
            DsyevdPtr(&jobz, &uplo, &n, a, &lda, w, &workQuery, &lwork, &iworkQuery, &liwork, &info, 1, 1);
            if (info != 0)
            {
                return info;
            }

            lwork = Math.Max(1, (int)Math.Ceiling(workQuery));
            liwork = Math.Max(1, iworkQuery);
            work = Allocate<double>(lwork, misalignment);
            iwork = Allocate<int>(liwork, misalignment);
            DsyevdPtr(&jobz, &uplo, &n, a, &lda, w, work, &lwork, iwork, &liwork, &info, 1, 1);
            new ReadOnlySpan<double>(w, n).CopyTo(values);
            new ReadOnlySpan<double>(a, checked((int)count)).CopyTo(vectors);
            return info;
        }
        finally
        {
            Free(a, misalignment);
            Free(w, misalignment);
            Free(work, misalignment);
            Free(iwork, misalignment);
        }
    }

    private static T* Allocate<T>(long count, int misalignment)
        where T : unmanaged =>
        (T*)NativeMemory.AlignedAlloc((nuint)((Math.Max(1, count) + misalignment) * sizeof(T)), Alignment) + misalignment;

    private static void Free<T>(T* pointer, int misalignment)
        where T : unmanaged
    {
        if (pointer != null)
        {
            NativeMemory.AlignedFree(pointer - misalignment);
        }
    }

    private static nint? Export(string name) =>
        Handle != 0 && NativeLibrary.TryGetExport(Handle, name, out nint address) ? address : null;

    /// <summary>The mapped file that contains <paramref name="address"/> (Linux: from /proc/self/maps), or null.</summary>
    private static string? LoadedFile(nint address)
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps))
        {
            return null;
        }

        try
        {
            ulong target = (ulong)address;
            foreach (string line in File.ReadLines(maps))
            {
                // "start-end perms offset dev inode path"
                int dash = line.IndexOf('-');
                int space = line.IndexOf(' ');
                int slash = line.IndexOf('/');
                if (dash <= 0 || space <= dash || slash < 0
                    || !ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong start)
                    || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong end))
                {
                    continue;
                }

                if (target >= start && target < end)
                {
                    return line[slash..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
