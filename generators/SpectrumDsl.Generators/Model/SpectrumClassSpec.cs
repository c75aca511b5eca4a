using SpectrumDsl.Expressions;

namespace SpectrumDsl.Generators.Model;

/// <summary>Everything the emitter needs for one class; strings and numbers only, structurally equatable.</summary>
internal sealed record SpectrumClassSpec(
    string HintName,
    string Namespace,
    EquatableArray<string> ContainingTypes,
    string Declaration,
    TargetSpec Target,
    int Rank,
    KernelSpec Kernel,
    TrainerSpec? Trainer);

/// <summary>The declaration header of a type, e.g. <c>partial class Outer&lt;T&gt;</c>.</summary>
internal static class DeclarationText
{
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"SpectrumDsl.Generators\", \"1.0.0\")]";
}

/// <summary>The target: either expression text with its emitted C#, or a <c>[SpectrumTarget]</c> method.</summary>
/// <param name="Description">The expression text, or <c>"Name(lambda, i, context)"</c> for a method.</param>
/// <param name="Body">The C# expression returned by <c>Target</c>.</param>
/// <param name="IsMethod">True when a <c>[SpectrumTarget]</c> method supplies the target.</param>
internal sealed record TargetSpec(string Description, string Body, bool IsMethod);

internal enum KernelKind { ReluNtk, Gaussian, Laplace }

internal sealed record KernelSpec(KernelKind Kind, int Depth, double BiasScale, double Bandwidth);

/// <summary>
/// The <c>[WideNetworkTrainer]</c> properties the user set; null when not set, so the emitted
/// <c>TrainerConfig</c> keeps the runtime record's own default.
/// </summary>
internal sealed record TrainerSpec(int? Width, int? Steps, double? LearningRate, string? Optimizer, double? Tolerance, int? Seed)
{
    /// <summary>The <c>[WideNetworkTrainer(...)]</c> text of the set properties, in declaration order.</summary>
    public string AttributeText(Func<int, string> formatInt, Func<double, string> formatDouble)
    {
        var parts = new List<string>();
        if (Width is { } width) parts.Add("Width = " + formatInt(width));
        if (Steps is { } steps) parts.Add("Steps = " + formatInt(steps));
        if (LearningRate is { } rate) parts.Add("LearningRate = " + formatDouble(rate));
        if (Optimizer is { } optimizer) parts.Add("Optimizer = Optimizer." + optimizer);
        if (Tolerance is { } tolerance) parts.Add("Tolerance = " + formatDouble(tolerance));
        if (Seed is { } seed) parts.Add("Seed = " + formatInt(seed));
        return parts.Count == 0 ? "[WideNetworkTrainer]" : "[WideNetworkTrainer(" + string.Join(", ", parts) + ")]";
    }
}
