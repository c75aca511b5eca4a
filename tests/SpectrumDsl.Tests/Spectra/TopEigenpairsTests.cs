using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Tests.Spectra;

public class TopEigenpairsTests
{
    [Theory]
    [InlineData(6)]    // degrees 0 and 1 on S^4 (multiplicities 1 + 5): k sits at a gap
    [InlineData(20)]   // degrees 0..2 (1 + 5 + 14)
    public void Iterative_top_k_meets_the_accuracy_contract_at_a_gap(int k)
    {
        var gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(Sphere.Sample(900, 5, seed: 2));
        var full = EigenSolver.Full(gram);
        var top = BlockLanczos.Top(gram, k, out var products);

        for (var i = 0; i < k; i++)
        {
            // The contract: relative eigenvalue error <= 1e-8 when k sits at a spectral gap.
            Assert.True(Math.Abs(top.Values[i] / full.Values[i] - 1) <= 1e-8, $"delta_{i + 1}: {top.Values[i]} vs {full.Values[i]}");
            // Block Lanczos stops on min(r, r^2 / gap) <= 1e-10 delta_i: residuals are reported,
            // and at this gap (>= 30 % of delta_k) they stay far below 1e-5 delta_1.
            Assert.True(top.Residuals[i] <= 1e-5 * full.Values[0], $"residual {i}: {top.Residuals[i]}");
        }

        // Degenerate harmonics make single eigenvectors ambiguous: compare the spanned subspaces.
        // Davis-Kahan: the subspace angle is at most r / gap, about 1e-5 here; 1e-4 leaves margin.
        var projector = top.Vectors.TransposeAndMultiply(top.Vectors);
        var reference = full.Truncate(k).Vectors.TransposeAndMultiply(full.Truncate(k).Vectors);
        Assert.True((projector - reference).FrobeniusNorm() < 1e-4, $"subspace distance {(projector - reference).FrobeniusNorm()}");
        Assert.True(top.Converged);
        Assert.InRange(products, 1, 100);
    }

    [Fact]
    public void Top_uses_the_iterative_solver_for_large_matrices_and_stays_orthonormal()
    {
        var gram = NetworkArchitecture.Relu(2, 0.5).Ntk().Gram(Sphere.Sample(700, 3, seed: 4));
        var top = EigenSolver.Top(gram, 9);
        var gramOfVectors = top.Vectors.TransposeThisAndMultiply(top.Vectors);
        Assert.True((gramOfVectors - Matrix<double>.Build.DenseIdentity(9)).FrobeniusNorm() < 1e-12);
        Assert.True(top.Values.Zip(top.Values.Skip(1)).All(pair => pair.First >= pair.Second));
        Assert.All(top.Residuals, residual => Assert.True(residual <= 1e-9 * top.Values[0]));
    }
}

public class BlockLanczosTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(20)]
    public void Block_lanczos_meets_the_accuracy_contract_at_a_gap(int k)
    {
        var gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(Sphere.Sample(900, 5, seed: 2));
        var full = EigenSolver.Full(gram);
        var top = EigenSolver.Top(gram, k);
        Assert.True(top.Converged);
        for (var i = 0; i < k; i++)
        {
            Assert.True(Math.Abs(top.Values[i] / full.Values[i] - 1) <= 1e-8, $"delta_{i + 1}: {top.Values[i]} vs {full.Values[i]}");
        }

        // At a gap the eigenvectors are determined, to r / gap: the stopping rule targets eigenvalues
        // (r^2 / gap <= 1e-10 delta), so subspaces agree to about sqrt(1e-10 delta / gap) ~ 1e-5.
        var projector = top.Vectors.TransposeAndMultiply(top.Vectors);
        var reference = full.Truncate(k).Vectors.TransposeAndMultiply(full.Truncate(k).Vectors);
        Assert.True((projector - reference).FrobeniusNorm() < 1e-4, $"subspace distance {(projector - reference).FrobeniusNorm()}");
        Assert.False(top.CutsCluster);
        // delta_(k+1) is the next Ritz value: a lower bound (interlacing), close but not converged.
        Assert.True(top.NextValue <= full.Values[k] * (1 + 1e-12) && top.NextValue >= 0.98 * full.Values[k], $"next {top.NextValue} vs {full.Values[k]}");
    }

    [Fact]
    public void Slowly_decaying_spectrum_cut_inside_a_large_cluster_keeps_relative_eigenvalue_accuracy()
    {
        // d = 20: degree-2 harmonics form a cluster of 209 nearly equal eigenvalues (indices 22..230);
        // k = 60 sits inside it, where subspace iteration converges at delta_(b+1)/delta_k ~ 1.
        var gram = NetworkArchitecture.Relu(2, 1.0).Ntk().Gram(Sphere.Sample(1200, 20, seed: 1));
        var full = EigenSolver.Full(gram);
        var top = EigenSolver.Top(gram, 60);
        Assert.True(top.Converged);
        for (var i = 0; i < 60; i++)
        {
            Assert.True(Math.Abs(top.Values[i] / full.Values[i] - 1) <= 1e-8, $"delta_{i + 1}: {top.Values[i]} vs {full.Values[i]}");
            // The reported residual is exact and consistent with the stopping rule's bound.
            var gap = Math.Min(i > 0 ? full.Values[i - 1] - full.Values[i] : double.PositiveInfinity, full.Values[i] - full.Values[i + 1]);
            Assert.True(Math.Min(top.Residuals[i], top.Residuals[i] * top.Residuals[i] / gap) <= 1e-8 * full.Values[i], $"residual {i}: {top.Residuals[i]}");
        }

        Assert.InRange(top.GapRatio, 0.9, 1.0);
    }

    [Fact]
    public void Cluster_cut_is_reported()
    {
        // Exactly repeated eigenvalues: k = 3 cuts the triple 5, 5, 5 (indices 2..4).
        var n = 700;
        var diagonal = Enumerable.Range(0, n).Select(i => i == 0 ? 10.0 : i < 4 ? 5.0 : 1.0 / (i + 1)).ToArray();
        var rotation = Matrix<double>.Build.Random(n, n, 7).QR().Q;
        var matrix = rotation * Matrix<double>.Build.DenseOfDiagonalArray(diagonal) * rotation.Transpose();
        matrix = 0.5 * (matrix + matrix.Transpose());
        var top = EigenSolver.Top(matrix, 3);
        Assert.True(top.CutsCluster);
        Assert.True(Math.Abs(top.GapRatio - 1) < 1e-8);
        Assert.True(Math.Abs(top.Values[2] / 5.0 - 1) <= 1e-8);
        var atGap = EigenSolver.Top(matrix, 4);
        Assert.False(atGap.CutsCluster);
    }
}
