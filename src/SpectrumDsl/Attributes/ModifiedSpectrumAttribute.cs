using SpectrumDsl.Validation;

namespace SpectrumDsl;

/// <summary>
/// Declares a Modified Spectrum Kernel on a <c>static partial class</c>: the top <see cref="Rank"/>
/// eigenvalues of the base kernel (given by <see cref="ReluNtkAttribute"/>, <see cref="GaussianKernelAttribute"/>
/// or <see cref="LaplaceKernelAttribute"/>) are replaced by the target expression. The source
/// generator checks the expression at compile time and emits <c>Target</c>, <c>Spec</c>,
/// <c>BuildKernel</c> and <c>BuildPreconditioner</c>.
/// </summary>
/// <example><code>
/// [ModifiedSpectrum("lambda_k", Rank = 64)]
/// [ReluNtk(Depth = 1, BiasScale = 1.0)]
/// public static partial class FlatTop64 { }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModifiedSpectrumAttribute : Attribute
{
    /// <summary>Declares the target with an expression; pass <c>null</c> to use a <see cref="SpectrumTargetAttribute"/> method.</summary>
    /// <param name="target">
    /// The target eigenvalue as an expression of <c>lambda</c> (λ), <c>i</c>, <c>k</c>, <c>n</c>,
    /// <c>lambda_1</c> and <c>lambda_k</c>, e.g. <c>"lambda_k"</c> or <c>"lambda_1 * i^-2"</c>.
    /// </param>
    public ModifiedSpectrumAttribute(string? target) => Target = target;

    /// <summary>Declares the target with a <see cref="SpectrumTargetAttribute"/> method of the class.</summary>
    public ModifiedSpectrumAttribute() { }

    /// <summary>The target expression, or <c>null</c> when a <see cref="SpectrumTargetAttribute"/> method supplies it.</summary>
    public string? Target { get; }

    /// <summary>How many top eigenvalues are modified (k); at least 1 (default 1).</summary>
    public int Rank { get; set; } = SettingRules.DefaultSpectrumRank;
}

/// <summary>
/// Marks a method <c>static double Name(double lambda, int i, TargetContext context)</c> of a
/// <see cref="ModifiedSpectrumAttribute"/> class as its target, for logic the expression language
/// cannot express. Use it instead of (not together with) the attribute's expression text.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SpectrumTargetAttribute : Attribute
{
}
