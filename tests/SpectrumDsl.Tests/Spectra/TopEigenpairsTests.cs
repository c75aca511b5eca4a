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
        var gram = new ReluNtkKernel(1, 1.0).Gram(Sphere.Sample(900, 5, seed: 2));
        var full = EigenSolver.Full(gram);
        var top = SubspaceIteration.Top(gram, k, out var iterations);

        for (var i = 0; i < k; i++)
        {
            // The contract: relative eigenvalue error <= 1e-8 when k sits at a spectral gap.
            Assert.True(Math.Abs(top.Values[i] / full.Values[i] - 1) <= 1e-8, $"delta_{i + 1}: {top.Values[i]} vs {full.Values[i]}");
            Assert.True(top.Residuals[i] <= 1e-9 * full.Values[0], $"residual {i}: {top.Residuals[i]}");
        }

        // Degenerate harmonics make single eigenvectors ambiguous: compare the spanned subspaces.
        var projector = top.Vectors.TransposeAndMultiply(top.Vectors);
        var reference = full.Truncate(k).Vectors.TransposeAndMultiply(full.Truncate(k).Vectors);
        Assert.True((projector - reference).FrobeniusNorm() < 1e-6, $"subspace distance {(projector - reference).FrobeniusNorm()}");
        Assert.InRange(iterations, 1, 499);
    }

    [Fact]
    public void Top_uses_the_iterative_solver_for_large_matrices_and_stays_orthonormal()
    {
        var gram = new ReluNtkKernel(2, 0.5).Gram(Sphere.Sample(700, 3, seed: 4));
        var top = EigenSolver.Top(gram, 9);
        var gramOfVectors = top.Vectors.TransposeThisAndMultiply(top.Vectors);
        Assert.True((gramOfVectors - Matrix<double>.Build.DenseIdentity(9)).FrobeniusNorm() < 1e-12);
        Assert.True(top.Values.Zip(top.Values.Skip(1)).All(pair => pair.First >= pair.Second));
        Assert.All(top.Residuals, residual => Assert.True(residual <= 1e-9 * top.Values[0]));
    }
}
