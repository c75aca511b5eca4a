using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using SpectrumDsl.Training;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// The emitted <c>TrainerConfig</c> sets only what the user wrote (plus the network architecture, rank and
/// target); everything else keeps the runtime record's defaults, and the result validates. Every
/// <c>TrainerConfig</c> property can be written in the attributes (enumerated by reflection, so a property
/// added later without generator support fails here), and the generator refuses exactly what
/// <c>TrainerConfig.Validate</c> refuses, with the same message.
/// </summary>
public class GeneratedTrainerConfigTests
{
    private static TrainerConfig Generated(string attributes)
    {
        var source = $$"""
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda_1 * i^-1", Rank = 5)]
            [ReluNtk(Depth = 2, BiasScale = 0.25)]
            {{attributes}}
            public static partial class C { }
            """;
        var run = GeneratorHarness.Generate(source);
        Assert.Empty(run.GeneratorDiagnostics);
        using var stream = new MemoryStream();
        var emitted = run.Output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("TrainerConfig", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(stream).GetType("Demo.C", throwOnError: true)!;
            return (TrainerConfig)type.GetProperty("TrainerConfig", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Unset_properties_keep_the_record_defaults()
    {
        var config = Generated("[WideNetworkTrainer]");
        var defaults = new TrainerConfig();
        Assert.Equal(defaults with { Architecture = Kernels.NetworkArchitecture.Relu(2, 0.25), Rank = 5, Target = config.Target }, config);
        Assert.Equal("lambda_1 * i^-1", config.Target.Description);
        config.Validate();
    }

    [Fact]
    public void Set_properties_are_copied()
    {
        var config = Generated("[WideNetworkTrainer(Width = 64, Steps = 30, LearningRate = 0.5, Optimizer = Optimizer.GradientDescent, Tolerance = 0.01, Seed = 9)]");
        var expected = new TrainerConfig
        {
            Width = 64, Architecture = Kernels.NetworkArchitecture.Relu(2, 0.25), Steps = 30, LearningRate = 0.5, Optimizer = Optimizer.GradientDescent,
            Rank = 5, Target = config.Target, Tolerance = 0.01, Seed = 9,
        };
        Assert.Equal(expected, config);
        config.Validate();
    }

    /// <summary>TrainerConfig properties that other attributes give, and which attribute.</summary>
    private static readonly Dictionary<string, string> FromOtherAttributes = new()
    {
        ["Architecture"] = "the kernel attribute ([ReluNtk(Depth = ..., BiasScale = ...)])",
        ["Rank"] = "[ModifiedSpectrum(..., Rank = k)]",
        ["Target"] = "[ModifiedSpectrum(\"target\")] or a [SpectrumTarget] method",
    };

    private static PropertyInfo[] ConfigProperties { get; } = typeof(TrainerConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    private static PropertyInfo[] AttributeProperties { get; } =
        typeof(WideNetworkTrainerAttribute).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(property => property.CanWrite).ToArray();

    private static PropertyInfo ConfigProperty(string name) => typeof(TrainerConfig).GetProperty(name)!;

    [Fact]
    public void Every_TrainerConfig_property_can_be_written_in_the_attributes()
    {
        var missing = ConfigProperties
            .Where(property => !FromOtherAttributes.ContainsKey(property.Name))
            .Where(property => AttributeProperties.SingleOrDefault(candidate => candidate.Name == property.Name)?.PropertyType != property.PropertyType)
            .Select(property =>
                $"TrainerConfig.{property.Name} ({property.PropertyType.Name}) cannot be written in [WideNetworkTrainer]. To carry it: "
                + $"(1) add `public {CSharpType(property.PropertyType)} {property.Name} {{ get; set; }} = SettingRules.Default{property.Name};` to src/SpectrumDsl/Attributes/WideNetworkTrainerAttribute.cs, "
                + $"with the constant Default{property.Name} (and its rule, if it has one) in src/SpectrumDsl/Validation/SettingRules.cs, used by TrainerConfig's initial value and Validate too; "
                + "(2) the generator copies it by name (generators/SpectrumDsl.Generators/SpectrumGenerator.Parser.Trainer.cs); if Validate has a rule for it, add the rule to TrainerRule there "
                + "(Compile_time_rules_are_Validates_rules checks it); a type other than int, double, bool or an enum also needs CSharpLiterals.OfPrimitive; "
                + $"(3) if another attribute gives it instead, add it to FromOtherAttributes here and in the parser. "
                + "Also add it to the F# layer (see tests/SpectrumDsl.FSharp.Tests/ConfigCoverageTests.fs).")
            .ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));

        var unknown = AttributeProperties.Where(property => typeof(TrainerConfig).GetProperty(property.Name) is null)
            .Select(property => $"[WideNetworkTrainer] has {property.Name}, which TrainerConfig does not have; the generator copies properties by name.").ToList();
        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
    }

    [Fact]
    public void The_attribute_defaults_are_the_TrainerConfig_defaults()
    {
        var attribute = new WideNetworkTrainerAttribute();
        var defaults = new TrainerConfig();
        var different = AttributeProperties
            .Where(property => !Equals(property.GetValue(attribute), ConfigProperty(property.Name).GetValue(defaults)))
            .Select(property => $"[WideNetworkTrainer].{property.Name} starts at {property.GetValue(attribute)} but TrainerConfig.{property.Name} at {ConfigProperty(property.Name).GetValue(defaults)}; both must use SettingRules.Default{property.Name}.")
            .ToList();
        Assert.True(different.Count == 0, string.Join("\n", different));
    }

    [Fact]
    public void Every_attribute_property_set_to_a_non_default_value_reaches_the_generated_TrainerConfig()
    {
        var attribute = new WideNetworkTrainerAttribute();
        var values = AttributeProperties.ToDictionary(property => property.Name, property => NonDefault(property.PropertyType, property.GetValue(attribute)!));
        var config = Generated($"[WideNetworkTrainer({string.Join(", ", values.Select(pair => $"{pair.Key} = {CSharp(pair.Value)}"))})]");
        var lost = AttributeProperties
            .Where(property => !Equals(ConfigProperty(property.Name).GetValue(config), values[property.Name]))
            .Select(property => $"[WideNetworkTrainer({property.Name} = {CSharp(values[property.Name])})] gave TrainerConfig.{property.Name} = {ConfigProperty(property.Name).GetValue(config)}; "
                + "the generator must copy it (generators/SpectrumDsl.Generators/SpectrumGenerator.Parser.Trainer.cs).")
            .ToList();
        Assert.True(lost.Count == 0, string.Join("\n", lost));
    }

    [Fact]
    public void Compile_time_rules_are_Validates_rules()
    {
        // For every attribute property and a spread of values (the edges of every rule), the generator
        // reports a diagnostic exactly when TrainerConfig.Validate throws, and the diagnostic carries
        // Validate's sentence. Valid values must also emit code that compiles.
        var disagreements = new List<string>();
        foreach (var property in AttributeProperties)
        {
            foreach (var value in Candidates(property.PropertyType))
            {
                var config = new TrainerConfig();
                ConfigProperty(property.Name).SetValue(config, value);
                string? refusal = null;
                try
                {
                    config.Validate();
                }
                catch (ArgumentException exception)
                {
                    refusal = exception.Message.Split(" (Parameter '")[0];
                }

                var written = $"[WideNetworkTrainer({property.Name} = {CSharp(value)})]";
                var run = GeneratorHarness.Generate($"using SpectrumDsl;\n[ModifiedSpectrum(\"lambda_k\")]\n[ReluNtk]\n{written}\npublic static partial class C {{ }}");
                var messages = run.GeneratorDiagnostics.Select(diagnostic => $"{diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}").ToList();
                if (refusal is null && messages.Count > 0)
                {
                    disagreements.Add($"{written}: Validate accepts it but the generator reports {string.Join("; ", messages)}");
                }
                else if (refusal is not null && !messages.Any(message => message.Contains(refusal, StringComparison.Ordinal)))
                {
                    disagreements.Add($"{written}: Validate refuses it (\"{refusal}\") but the generator reports {(messages.Count == 0 ? "nothing" : string.Join("; ", messages))}; "
                        + "check it with the same SettingRules rule in TrainerRule (generators/SpectrumDsl.Generators/SpectrumGenerator.Parser.Trainer.cs)");
                }
                else if (refusal is null && run.CompilerErrors.Any())
                {
                    disagreements.Add($"{written}: the generated code does not compile: {string.Join("; ", run.CompilerErrors)}");
                }
            }
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static string CSharpType(Type type) =>
        type == typeof(int) ? "int" : type == typeof(double) ? "double" : type == typeof(bool) ? "bool" : type == typeof(string) ? "string" : type.Name;

    /// <summary>Values at the edges of every rule SettingRules has, per property type.</summary>
    private static IEnumerable<object> Candidates(Type type)
    {
        if (type == typeof(int)) return new object[] { int.MinValue, -1, 0, 1, 2, int.MaxValue };
        if (type == typeof(double)) return new object[] { double.NegativeInfinity, -1.0, -0.0, 0.0, 1e-300, 0.5, 1.0, 1.5, double.PositiveInfinity, double.NaN };
        if (type == typeof(bool)) return new object[] { false, true };
        if (type.IsEnum)
        {
            var members = Enum.GetValues(type).Cast<object>().ToList();
            return members.Append(Enum.ToObject(type, members.Max(Convert.ToInt64) + 1));
        }
        throw new InvalidOperationException($"No candidate values for {type}; add them here (and a literal in CSharp).");
    }

    /// <summary>A valid value different from <paramref name="initial"/>.</summary>
    private static object NonDefault(Type type, object initial) => initial switch
    {
        int i => i + 1,
        double d => d == 0 ? 0.5 : d / 2,
        bool b => !b,
        Enum => Enum.GetValues(type).Cast<object>().First(member => !member.Equals(initial)),
        _ => throw new InvalidOperationException($"No non-default value for {type}; add one here (and a literal in CSharp)."),
    };

    /// <summary>C# for an attribute argument of this value.</summary>
    private static string CSharp(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
        bool b => b ? "true" : "false",
        Enum e when Enum.IsDefined(e.GetType(), e) => $"global::{e.GetType().FullName}.{e}",
        Enum e => $"(global::{e.GetType().FullName}){Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}",
        _ => throw new InvalidOperationException($"No C# literal for {value.GetType()}."),
    };
}
