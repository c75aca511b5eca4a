using Microsoft.CodeAnalysis;
using SpectrumDsl.Expressions;
using SpectrumDsl.Generators.Model;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Generators;

public sealed partial class SpectrumGenerator
{
    private const string TrainerConfigType = "SpectrumDsl.Training.TrainerConfig";

    /// <summary>
    /// [WideNetworkTrainer]: every property set on it is copied, by name, into the emitted
    /// TrainerConfig (so a property added to both needs no code here, unless it has a rule: see
    /// <see cref="ClassParser.TrainerRule"/>), after the same checks as TrainerConfig.Validate.
    /// </summary>
    private sealed partial class ClassParser
    {
        /// <summary>TrainerConfig properties that other attributes give; [WideNetworkTrainer] does not have them.</summary>
        private static TrainerSettingSource? FromOtherAttributes(string property) => property switch
        {
            "Architecture" => TrainerSettingSource.KernelArchitecture,
            "Rank" => TrainerSettingSource.SpectrumRank,
            "Target" => TrainerSettingSource.SpectrumTarget,
            _ => null,
        };

        /// <summary>
        /// The compile-time check of a [WideNetworkTrainer] property: SettingRules' rule (the one
        /// TrainerConfig.Validate applies) and the diagnostic it is reported as. Null: no rule.
        /// Enum properties need no entry: an undefined value is always SPD030.
        /// </summary>
        private static (DiagnosticDescriptor Descriptor, string? Violation)? TrainerRule(string property, TypedConstant value) => property switch
        {
            "Width" => (DiagnosticDescriptors.MustBePositive, SettingRules.Width(IntValue(value) ?? 0, property)),
            "Steps" => (DiagnosticDescriptors.MustBePositive, SettingRules.Steps(IntValue(value) ?? 0, property)),
            "LearningRate" => (DiagnosticDescriptors.MustBeNonNegative, SettingRules.LearningRate(DoubleValue(value), property)),
            "Tolerance" => (DiagnosticDescriptors.FractionOutOfRange, SettingRules.Tolerance(DoubleValue(value), property)),
            "Momentum" => (DiagnosticDescriptors.MomentumOutOfRange, SettingRules.Momentum(DoubleValue(value), property)),
            "RecordInterval" => (DiagnosticDescriptors.MustBePositive, SettingRules.RecordInterval(IntValue(value) ?? 0, property)),
            "BatchSize" => (DiagnosticDescriptors.MustBeNonNegative, SettingRules.BatchSize(IntValue(value) ?? -1, property)),
            "Subsample" => (DiagnosticDescriptors.MustBeNonNegative, SettingRules.Subsample(IntValue(value) ?? -1, property)),
            "ValidationFraction" => (DiagnosticDescriptors.FractionOutOfRange, SettingRules.ValidationFraction(DoubleValue(value), property)),
            "Patience" => (DiagnosticDescriptors.MustBeNonNegative, SettingRules.Patience(IntValue(value) ?? -1, property)),
            "StopAtTrainAccuracy" or "StopAtTestAccuracy" => (DiagnosticDescriptors.FractionOutOfRange, SettingRules.Accuracy(DoubleValue(value), property)),
            _ => null,
        };

        private TrainerSpec? ParseTrainer((KernelSpec Spec, string Attribute)? kernel)
        {
            var attribute = _type.GetAttributes().FirstOrDefault(candidate => candidate.AttributeClass?.ToDisplayString() == Trainer);
            if (attribute is null) return null;
            var syntax = SyntaxOf(attribute);
            if (!Bound(attribute, syntax)) return null;
            if (kernel is { } k && k.Spec.Kind is not (KernelKind.ReluNtk or KernelKind.ErfNtk))
            {
                Report(DiagnosticDescriptors.TrainerNeedsNetworkKernel, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(), Name, k.Attribute);
            }

            // TrainerConfig's own declaration order, so the emitted initialiser reads like the record.
            var config = context.SemanticModel.Compilation.GetTypeByMetadataName(TrainerConfigType)
                ?? throw new InvalidOperationException($"{TrainerConfigType} is not in the compilation although [WideNetworkTrainer] is");
            var properties = config.GetMembers().OfType<IPropertySymbol>()
                .Where(property => property is { IsStatic: false, DeclaredAccessibility: Accessibility.Public, SetMethod: not null })
                .Select(property => property.Name).ToList();
            foreach (var argument in attribute.NamedArguments)
            {
                if (!properties.Contains(argument.Key))
                {
                    throw new InvalidOperationException($"[WideNetworkTrainer] has the property {argument.Key}, which {TrainerConfigType} does not have; they must match by name");
                }
            }

            var settings = new List<TrainerSetting>();
            var valid = true;
            foreach (var property in properties)
            {
                if (FromOtherAttributes(property) is { } source)
                {
                    settings.Add(new TrainerSetting(property, source, "", ""));
                    continue;
                }
                // Only what the user set is kept: unset properties take TrainerConfig's defaults at run time.
                if (Named(attribute, property) is not { } value) continue;
                var location = ArgumentLocation(syntax, property);
                if (value.Kind == TypedConstantKind.Enum)
                {
                    var (member, names) = EnumMember(value);
                    if (member is null)
                    {
                        Report(DiagnosticDescriptors.ArgumentNotBound, location, "WideNetworkTrainer", Name,
                            SettingRules.Defined(property, Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture), defined: false, names)!);
                        valid = false;
                        continue;
                    }
                    settings.Add(new TrainerSetting(property, TrainerSettingSource.Attribute, $"global::{value.Type!.ToDisplayString()}.{member}", $"{value.Type!.Name}.{member}"));
                    continue;
                }
                if (TrainerRule(property, value) is { } rule) Check(rule.Descriptor, location, "WideNetworkTrainer", rule.Violation);
                var (expression, text) = CSharpLiterals.OfPrimitive(value, property);
                settings.Add(new TrainerSetting(property, TrainerSettingSource.Attribute, expression, text));
            }
            return valid ? new TrainerSpec(settings.ToEquatableArray()) : null;
        }

        /// <summary>True when the trainer uses the Preconditioned optimizer (set, or SettingRules' default).</summary>
        private static bool TrainsWithPreconditioner(TrainerSpec trainer)
        {
            var optimizer = trainer.Settings.FirstOrDefault(setting => setting.Property == "Optimizer")?.AttributeText ?? "Optimizer." + SettingRules.DefaultOptimizer;
            return optimizer == "Optimizer.Preconditioned";
        }

        /// <summary>The member of an enum constant (null when the value is not one) and the enum's member names in value order.</summary>
        private static (string? Member, List<string> Names) EnumMember(TypedConstant value)
        {
            var fields = (value.Type?.GetMembers() ?? []).OfType<IFieldSymbol>()
                .Where(field => field.HasConstantValue)
                .OrderBy(field => Convert.ToInt64(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            var member = fields.FirstOrDefault(field => Equals(field.ConstantValue, value.Value))?.Name;
            return (member, fields.Select(field => field.Name).ToList());
        }
    }
}
