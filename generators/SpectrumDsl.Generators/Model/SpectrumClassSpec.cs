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

internal enum KernelKind { ReluNtk, ErfNtk, Gaussian, Laplace }

internal sealed record KernelSpec(KernelKind Kind, int Depth, double BiasScale, double Bandwidth);

/// <summary>Where the value of a <see cref="TrainerSetting"/> comes from.</summary>
internal enum TrainerSettingSource
{
    /// <summary>A property the user set on <c>[WideNetworkTrainer]</c>; its C# is in <see cref="TrainerSetting.Expression"/>.</summary>
    Attribute,
    /// <summary><c>Architecture</c>, from the kernel attribute.</summary>
    KernelArchitecture,
    /// <summary><c>Rank</c>, from <c>[ModifiedSpectrum]</c>.</summary>
    SpectrumRank,
    /// <summary><c>Target</c>, from <c>[ModifiedSpectrum]</c> (the generated <c>Spec.Target</c>).</summary>
    SpectrumTarget,
}

/// <summary>One property of the emitted <c>TrainerConfig</c> initialiser.</summary>
/// <param name="Property">The <c>TrainerConfig</c> property, also the <c>[WideNetworkTrainer]</c> property of that name.</param>
/// <param name="Source">Where its value comes from.</param>
/// <param name="Expression">The emitted C# value (for <see cref="TrainerSettingSource.Attribute"/>; empty otherwise).</param>
/// <param name="AttributeText">The value as written in the attribute, for the doc comment (empty unless from the attribute).</param>
internal sealed record TrainerSetting(string Property, TrainerSettingSource Source, string Expression, string AttributeText);

/// <summary>
/// The emitted <c>TrainerConfig</c>: the <c>[WideNetworkTrainer]</c> properties the user set (unset
/// ones keep the runtime record's defaults) plus architecture, rank and target, in the declaration
/// order of <c>TrainerConfig</c>.
/// </summary>
internal sealed record TrainerSpec(EquatableArray<TrainerSetting> Settings)
{
    /// <summary>The <c>[WideNetworkTrainer(...)]</c> text of the set properties.</summary>
    public string AttributeText()
    {
        var parts = Settings.Where(setting => setting.Source == TrainerSettingSource.Attribute)
            .Select(setting => setting.Property + " = " + setting.AttributeText).ToList();
        return parts.Count == 0 ? "[WideNetworkTrainer]" : "[WideNetworkTrainer(" + string.Join(", ", parts) + ")]";
    }
}
