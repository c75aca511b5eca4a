using System.Runtime.InteropServices;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>What <see cref="LapackProbe"/> found.</summary>
/// <param name="Reproducible">The same matrix, handed over from different managed addresses, gave identical bits every time.</param>
/// <param name="AlignmentSensitive">The raw library gives different bits for differently aligned buffers (so the
/// aligned copies in <see cref="LapackNative.Dsyevd"/> are what makes it reproducible).</param>
/// <param name="Detail">The finding in words, for the backend description.</param>
internal readonly record struct LapackProbeResult(bool Reproducible, bool AlignmentSensitive, string Detail);

/// <summary>
/// Decides at first use whether the loaded LAPACK is bit-reproducible: one fixed matrix is decomposed through the
/// production path from managed copies at several addresses (and twice at the same one), and through the raw
/// routine with deliberately misaligned buffers; the eigenpairs' bits are compared.
/// </summary>
internal static class LapackProbe
{
    /// <summary>The probe matrix's size: large enough for blocked code paths, small enough to cost a few milliseconds.</summary>
    internal const int Size = 64;

    /// <summary>Managed start offsets (in doubles) of the probe's copies: 0, 8, 16 and 24 bytes past the first.</summary>
    private static readonly int[] Offsets = [0, 1, 2, 3, 0];

    /// <summary>Runs the probe on the loaded library (LAPACK must be available).</summary>
    public static LapackProbeResult Run()
    {
        int n = Size;
        double[] matrix = FixedMatrix(n);
        (double[] Values, double[] Vectors)? reference = null;
        foreach (int offset in Offsets)
        {
            // A fresh array per copy, so the copies also sit at unrelated addresses.
            var storage = new double[n * n + offset];
            matrix.CopyTo(storage, offset);
            var result = Decompose(n, storage.AsSpan(offset, n * n), misalignment: 0);
            if (result is null)
            {
                return new LapackProbeResult(false, false, $"dsyevd failed on the {n}x{n} probe matrix");
            }

            reference ??= result;
            if (!SameBits(reference.Value, result.Value))
            {
                return new LapackProbeResult(false, false,
                    $"the same {n}x{n} matrix gave different bits from 64-byte-aligned copies (managed offset {offset})");
            }
        }

        bool sensitive = false;
        foreach (int misalignment in new[] { 1, 2, 3 })
        {
            var raw = Decompose(n, matrix, misalignment);
            sensitive |= raw is null || !SameBits(reference!.Value, raw.Value);
        }

        string how = sensitive
            ? "the library's results depend on buffer alignment, so every call works on 64-byte-aligned copies"
            : "buffer alignment does not change its results; calls still work on 64-byte-aligned copies";
        return new LapackProbeResult(true, sensitive, $"the same {n}x{n} matrix from {Offsets.Length} addresses gave identical bits; {how}");
    }

    /// <summary>A fixed symmetric matrix (seeded, so every process probes the same one).</summary>
    internal static double[] FixedMatrix(int n)
    {
        var random = new Random(20240531);
        var a = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = j; i < n; i++)
            {
                double value = random.NextDouble() - 0.5;
                a[i + j * n] = value;
                a[j + i * n] = value;
            }
        }

        return a;
    }

    private static (double[] Values, double[] Vectors)? Decompose(int n, ReadOnlySpan<double> matrix, int misalignment)
    {
        var values = new double[n];
        var vectors = new double[n * n];
        return LapackNative.Dsyevd(n, matrix, values, vectors, misalignment) == 0 ? (values, vectors) : null;
    }

    private static bool SameBits((double[] Values, double[] Vectors) a, (double[] Values, double[] Vectors) b) =>
        MemoryMarshal.AsBytes(a.Values.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.Values.AsSpan()))
        && MemoryMarshal.AsBytes(a.Vectors.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.Vectors.AsSpan()));
}
