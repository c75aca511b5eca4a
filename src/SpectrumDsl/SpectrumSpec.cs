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
}
