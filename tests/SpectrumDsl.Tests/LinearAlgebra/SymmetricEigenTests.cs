using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>Both eigen backends: residuals, orthonormality, ordering, and agreement.</summary>
public class SymmetricEigenTests
{
    public static IEnumerable<object[]> Backends()
    {
        yield return [EigenBackend.Managed];
        if (SymmetricEigen.IsLapackAvailable)
        {
            yield return [EigenBackend.Lapack];
        }
    }

    private static Matrix<double> RandomSymmetric(int n, int seed)
    {
        var a = FastLinearAlgebraTests.Random(n, n, seed);
        return (a + a.Transpose()) * 0.5;
    }

    private static void AssertEigenpairs(Matrix<double> a, double[] values, Matrix<double> vectors)
    {
        int n = a.RowCount;
        Assert.Equal(n, values.Length);
        Assert.Equal(n, vectors.RowCount);
        Assert.Equal(n, vectors.ColumnCount);
        double norm = Math.Max(a.FrobeniusNorm(), 1e-300);
        for (int i = 0; i < n; i++)
        {
            var v = vectors.Column(i);
            double residual = (a * v - values[i] * v).L2Norm();
            Assert.True(residual <= 1e-10 * norm, $"residual {residual:E3} for pair {i}");
            if (i > 0)
            {
                Assert.True(values[i - 1] >= values[i], $"not descending at {i}: {values[i - 1]} < {values[i]}");
            }
        }

        var gram = FastLinearAlgebra.TransposeAndMultiply(vectors, vectors);
        double orth = (gram - DenseMatrix.CreateIdentity(n)).FrobeniusNorm();
        Assert.True(orth <= 1e-10, $"||V^T V - I|| = {orth:E3}");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void RandomSymmetricMatricesDecompose(EigenBackend backend)
    {
        foreach (int n in new[] { 1, 2, 3, 17, 64, 131 })
        {
            var a = RandomSymmetric(n, n);
            var (values, vectors) = SymmetricEigen.Decompose(a, backend);
            AssertEigenpairs(a, values, vectors);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void DegenerateAndSemidefiniteSpectra(EigenBackend backend)
    {
        // A Gram matrix of rank 5 (many zero eigenvalues) and a matrix with repeated eigenvalues.
        var x = FastLinearAlgebraTests.Random(40, 5, 9);
        var gram = FastLinearAlgebra.Gram(x);
        var (gv, gV) = SymmetricEigen.Decompose(gram, backend);
        AssertEigenpairs(gram, gv, gV);
        Assert.All(gv.Skip(5), v => Assert.True(Math.Abs(v) <= 1e-12 * gv[0]));

        var q = SymmetricEigen.Decompose(RandomSymmetric(30, 4), EigenBackend.Managed).Vectors;
        var d = DenseMatrix.OfDiagonalArray(Enumerable.Range(0, 30).Select(i => (double)(i % 3)).ToArray());
        var a = q * d * q.Transpose();
        a = (a + a.Transpose()) * 0.5;
        var (av, aV) = SymmetricEigen.Decompose(a, backend);
        AssertEigenpairs(a, av, aV);
        // The exact eigenvalues are 0, 1 and 2 (||A|| = 2): any backend is within a small multiple of n eps ||A||.
        EigenRoundOff.AssertEigenvalue(2.0, av[0], 30, 2.0, "largest eigenvalue of Q diag(i mod 3) Q^T");
        EigenRoundOff.AssertEigenvalue(0.0, av[29], 30, 2.0, "smallest eigenvalue of Q diag(i mod 3) Q^T");
    }

    [Fact]
    public void BackendsAgree()
    {
        if (!SymmetricEigen.IsLapackAvailable)
        {
            return; // Nothing to compare on a machine without liblapack.so.3.
        }

        var a = RandomSymmetric(150, 21);
        var (lv, lV) = SymmetricEigen.Decompose(a, EigenBackend.Lapack);
        var (mv, mV) = SymmetricEigen.Decompose(a, EigenBackend.Managed);
        double scale = Math.Abs(lv[0]);
        for (int i = 0; i < lv.Length; i++)
        {
            Assert.True(Math.Abs(lv[i] - mv[i]) <= 1e-11 * scale, $"eigenvalue {i}: {lv[i]} vs {mv[i]}");
            // Random spectrum: simple eigenvalues, so vectors agree up to sign.
            double overlap = Math.Abs(lV.Column(i).DotProduct(mV.Column(i)));
            Assert.True(Math.Abs(overlap - 1) <= 1e-8, $"eigenvector {i} overlap {overlap}");
        }
    }

    [Fact]
    public void OnlyTheLowerTriangleIsRead()
    {
        var a = RandomSymmetric(20, 2);
        var garbled = a.Clone();
        for (int j = 1; j < 20; j++)
        {
            for (int i = 0; i < j; i++)
            {
                garbled[i, j] = 1e3;
            }
        }

        foreach (object[] b in Backends())
        {
            var backend = (EigenBackend)b[0];
            Assert.Equal(SymmetricEigen.Decompose(a, backend).Values, SymmetricEigen.Decompose(garbled, backend).Values);
        }
    }

    [Fact]
    public void BackendIsChosenAndDescribed()
    {
        EigenBackend backend = SymmetricEigen.Backend;
        string description = SymmetricEigen.BackendDescription;
        string? forced = Environment.GetEnvironmentVariable(SymmetricEigen.BackendEnvironmentVariable)?.Trim().ToLowerInvariant();
        if (forced == "managed")
        {
            Assert.Equal(EigenBackend.Managed, backend);
        }
        else if (SymmetricEigen.IsLapackAvailable)
        {
            // LAPACK unless its probe finds it not reproducible (then managed, unless forced).
            bool reproducible = LapackProbe.Run().Reproducible;
            Assert.Equal(reproducible || forced == "lapack" ? EigenBackend.Lapack : EigenBackend.Managed, backend);
            Assert.Equal(reproducible, SymmetricEigen.IsReproducible);
        }

        Assert.Contains(backend == EigenBackend.Lapack ? "LAPACK dsyevd" : "MathNet managed", description);
        if (backend == EigenBackend.Lapack && OperatingSystem.IsLinux())
        {
            Assert.Contains(" at /", description); // the file the library was actually loaded from
        }

        var a = RandomSymmetric(5, 1);
        AssertEigenpairs(a, SymmetricEigen.Decompose(a).Values, SymmetricEigen.Decompose(a).Vectors);
    }

    [Theory]
    [InlineData(null, true, EigenBackend.Lapack, "LAPACK dsyevd (liblapack.so.3)")]
    [InlineData(null, false, EigenBackend.Managed, "MathNet managed")]
    [InlineData("managed", true, EigenBackend.Managed, "forced by SPECTRUMDSL_EIGEN_BACKEND=managed")]
    [InlineData(" LAPACK ", true, EigenBackend.Lapack, "forced by SPECTRUMDSL_EIGEN_BACKEND=lapack")]
    [InlineData("lapack", false, EigenBackend.Managed, "could not be loaded: boom")]
    [InlineData("mkl", true, EigenBackend.Lapack, "ignored unknown SPECTRUMDSL_EIGEN_BACKEND=mkl")]
    public void SelectionRule(string? env, bool available, EigenBackend expected, string fragment)
    {
        var choice = EigenBackendRule.Select(env, available, "liblapack.so.3", "boom", () => new LapackProbeResult(true, false, "probe agreed"));
        Assert.Equal(expected, choice.Backend);
        Assert.Contains(fragment, choice.Description);
        Assert.True(choice.Reproducible);
    }

    [Theory]
    [InlineData(null, EigenBackend.Managed, "not bit-reproducible here: probe disagreed; set SPECTRUMDSL_EIGEN_BACKEND=lapack")]
    [InlineData("lapack", EigenBackend.Lapack, "forced by SPECTRUMDSL_EIGEN_BACKEND=lapack); WARNING: NOT bit-reproducible: probe disagreed")]
    public void ANonReproducibleLapackIsUsedOnlyWhenForced(string? env, EigenBackend expected, string fragment)
    {
        var choice = EigenBackendRule.Select(env, true, "liblapack.so.3", "", () => new LapackProbeResult(false, true, "probe disagreed"));
        Assert.Equal(expected, choice.Backend);
        Assert.Contains(fragment, choice.Description);
        Assert.Equal(expected == EigenBackend.Managed, choice.Reproducible);
        Assert.DoesNotContain("forced", env is null ? choice.Description : "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("managed", true)]
    [InlineData(null, false)]
    [InlineData("lapack", false)]
    public void TheProbeRunsOnlyWhenLapackIsACandidate(string? env, bool available)
    {
        var choice = EigenBackendRule.Select(env, available, "liblapack.so.3", "boom", () => throw new InvalidOperationException("probe ran"));
        Assert.Equal(EigenBackend.Managed, choice.Backend);
    }

    [Fact]
    public void TheProbeFindsTheLoadedLapackReproducible()
    {
        if (!SymmetricEigen.IsLapackAvailable)
        {
            return; // Nothing to probe on a machine without liblapack.so.3.
        }

        // Through 64-byte-aligned copies the loaded library (reference LAPACK or OpenBLAS) must give the same bits.
        var result = LapackProbe.Run();
        Assert.True(result.Reproducible, result.Detail);
        Assert.Contains("identical bits", result.Detail);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void SameMatrixAtDifferentAlignmentsGivesIdenticalBits(EigenBackend backend)
    {
        // Copies of one matrix in pinned arrays whose data start at different offsets modulo 64 bytes (OpenBLAS's
        // SSE kernels peel elements until an address is aligned, so a raw call would round differently).
        const int n = 96;
        var source = RandomSymmetric(n, 5).ToColumnMajorArray();
        var byOffset = new Dictionary<long, double[]>();
        var padding = new List<double[]>();
        for (int attempt = 0; attempt < 256 && byOffset.Count < 4; attempt++)
        {
            padding.Add(GC.AllocateArray<double>(1 + attempt % 7, pinned: true));
            var copy = GC.AllocateArray<double>(n * n, pinned: true);
            source.CopyTo(copy, 0);
            var handle = System.Runtime.InteropServices.GCHandle.Alloc(copy, System.Runtime.InteropServices.GCHandleType.Pinned);
            byOffset.TryAdd((long)handle.AddrOfPinnedObject() % 64, copy);
            handle.Free();
        }

        Assert.True(byOffset.Count >= 2, $"could not place the matrix at two different alignments ({byOffset.Count})");
        long[]? reference = null;
        foreach (var copy in byOffset.Values)
        {
            var (values, vectors) = SymmetricEigen.Decompose(new DenseMatrix(n, n, copy), backend);
            var bits = values.Concat(vectors.ToColumnMajorArray()).Select(BitConverter.DoubleToInt64Bits).ToArray();
            reference ??= bits;
            Assert.Equal(reference, bits);
        }

        GC.KeepAlive(padding);
    }

    [Fact]
    public void EmptyAndNonSquare()
    {
        var (values, vectors) = SymmetricEigen.Decompose(new DenseMatrix(0, 0));
        Assert.Empty(values);
        Assert.Equal(0, vectors.RowCount);
        var e = Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new DenseMatrix(3, 4)));
        Assert.Equal("symmetric", e.ParamName);
        Assert.Contains("3x4", e.Message);
    }
}
