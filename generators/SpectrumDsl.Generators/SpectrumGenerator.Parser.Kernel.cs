using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpectrumDsl.Generators.Model;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Generators;

public sealed partial class SpectrumGenerator
{
    /// <summary>The kernel attribute: exactly one of [ReluNtk], [ErfNtk], [GaussianKernel], [LaplaceKernel], with valid settings.</summary>
    private sealed partial class ClassParser
    {
        private (KernelSpec Spec, string Attribute)? ParseKernel()
        {
            (KernelSpec Spec, string Attribute)? found = null;
            foreach (var attribute in _type.GetAttributes())
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                if (name is not (ReluNtk or ErfNtk or Gaussian or Laplace)) continue;
                var syntax = SyntaxOf(attribute);
                var shortName = ShortName(attribute);
                if (found is { } first)
                {
                    Report(DiagnosticDescriptors.DuplicateKernel, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(), Name, shortName, first.Attribute);
                    continue;
                }
                if (!Bound(attribute, syntax)) return null;
                KernelSpec spec;
                if (name is ReluNtk or ErfNtk)
                {
                    // The network kernels share their settings; only the activation differs.
                    // Non-short-circuit '&': report every setting given twice, not just the first.
                    if (!(KernelSetting(attribute, syntax, "Depth", example: null, out var depthValue, out var depthLocation)
                          & KernelSetting(attribute, syntax, "BiasScale", example: null, out var biasValue, out var biasLocation)))
                    {
                        return null;
                    }
                    var depth = depthValue is { } d ? IntValue(d) ?? 0 : SettingRules.DefaultDepth;
                    var bias = biasValue is { } b ? DoubleValue(b) : SettingRules.DefaultKernelBiasScale;
                    Check(DiagnosticDescriptors.MustBePositive, depthLocation, shortName, SettingRules.Depth(depth, "Depth"));
                    Check(DiagnosticDescriptors.MustBeNonNegative, biasLocation, shortName, SettingRules.BiasScale(bias, "BiasScale"));
                    spec = new KernelSpec(name == ReluNtk ? KernelKind.ReluNtk : KernelKind.ErfNtk, depth, bias, 0);
                }
                else
                {
                    if (!KernelSetting(attribute, syntax, "Bandwidth", example: "1.0", out var value, out var location)) return null;
                    var bandwidth = DoubleValue(value!.Value);
                    Check(DiagnosticDescriptors.BandwidthNotPositive, location, shortName, SettingRules.Bandwidth(bandwidth, "Bandwidth"));
                    spec = new KernelSpec(name == Gaussian ? KernelKind.Gaussian : KernelKind.Laplace, 0, 0, bandwidth);
                }
                found = (spec, shortName);
            }
            if (found is null) Report(DiagnosticDescriptors.MissingKernel, _syntax.Identifier.GetLocation(), Name);
            return found;
        }

        /// <summary>
        /// A kernel setting, written by position (the constructor parameter of the same name, ignoring
        /// case: <c>[GaussianKernel(0.5)]</c>) or by name (<c>[GaussianKernel(Bandwidth = 0.5)]</c>).
        /// False, after reporting SPD035, when it is written both ways, or not at all although
        /// <paramref name="example"/> (a value to show in the message) marks it as required.
        /// </summary>
        private bool KernelSetting(AttributeData attribute, AttributeSyntax? syntax, string property, string? example,
            out TypedConstant? value, out Location location)
        {
            var shortName = ShortName(attribute);
            var parameters = attribute.AttributeConstructor!.Parameters;
            var index = -1;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (string.Equals(parameters[i].Name, property, StringComparison.OrdinalIgnoreCase)) index = i;
            }
            TypedConstant? positional = index >= 0 ? attribute.ConstructorArguments[index] : null;
            var named = Named(attribute, property);
            location = named is not null ? ArgumentLocation(syntax, property) : PositionalLocation(syntax, Math.Max(index, 0));
            value = named ?? positional;
            if (positional is not null && named is not null)
            {
                var positionalText = PositionalExpression(syntax, index)?.ToString() ?? "?";
                var namedText = NamedExpression(syntax, property)?.ToString() ?? "?";
                Report(DiagnosticDescriptors.KernelArgumentConflict, location, shortName, Name,
                    $"gives {property} twice, by position ({positionalText}) and by name ({property} = {namedText}); keep one of them");
                return false;
            }
            if (value is null && example is not null)
            {
                Report(DiagnosticDescriptors.KernelArgumentConflict, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(), shortName, Name,
                    $"has no {property}; give it by position, [{shortName}({example})], or by name, [{shortName}({property} = {example})]");
                return false;
            }
            return true;
        }
    }
}
