using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Validation;

namespace SpectrumDsl;

/// <summary>A declared spectrum: base kernel, target g(lambda, i) and rank k. What the DSL compiles to.</summary>
public sealed record SpectrumSpec
{
    /// <summary>Declares a spectrum.</summary>
    public SpectrumSpec(IKernel kernel, SpectrumTarget target, int rank)
    {
        Guard.NotNull(kernel, nameof(kernel));
        Guard.NotNull(target, nameof(target));
        Guard.Satisfies(SettingRules.Rank(rank, nameof(rank)), nameof(rank), rank);
        Kernel = kernel;
        Target = target;
        Rank = rank;
    }

    /// <summary>The base kernel.</summary>
    public IKernel Kernel { get; }

    /// <summary>The target spectrum.</summary>
    public SpectrumTarget Target { get; }

    /// <summary>k, how many top eigenvalues are replaced.</summary>
    public int Rank { get; }

    /// <summary>The Modified Spectrum Kernel on training inputs <paramref name="x"/>.</summary>
    public ModifiedSpectrumKernel BuildKernel(Matrix<double> x) => ModifiedSpectrumKernel.Build(Kernel, x, Target, Rank);

    /// <summary>The preconditioner S on training inputs <paramref name="x"/> (needs a positive target).</summary>
    public Preconditioner BuildPreconditioner(Matrix<double> x) => BuildKernel(x).Preconditioner;

    /// <summary>
    /// S on training inputs <paramref name="x"/> from the top k eigenpairs of the kernel on a seeded subsample of
    /// <paramref name="subsample"/> points, extended through the Nystrom eigenfunctions (n x k; nothing n x n is formed):
    /// the scale path's S (docs/design.md#scale). Needs a positive target.
    /// </summary>
    public Preconditioner BuildNystromPreconditioner(Matrix<double> x, int subsample, int seed = 0)
    {
        Guard.Points(x, nameof(x));
        Guard.InRange(subsample, Rank, x.RowCount, nameof(subsample),
            $"The subsample is drawn from the n = {x.RowCount} points and must hold at least the rank k = {Rank}.");
        var pairs = Spectra.EigenSolver.TopNystrom(Kernel, x, Math.Min(Rank + 1, subsample), subsample, seed);
        return new Preconditioner(SpectralModification.FromEigenpairs(pairs, Target, Rank));
    }
}
