using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// No cascading errors: after an SPD error, user code that calls the generated members still binds
/// (to stubs that throw naming the error), so the only errors are the SPD one and those the compiler
/// reports in the user's own code anyway.
/// </summary>
public class StubTests
{
    // Calls every generated member of Demo.<name>; the trainer's two only when the class declares [WideNetworkTrainer].
    private static string Use(bool trainer, string name) => $$"""
        namespace Demo;
        internal static class Use
        {
            internal static object[] Everything(global::MathNet.Numerics.LinearAlgebra.Matrix<double> x) =>
            [
                {{name}}.Target(1.0, 1, new global::SpectrumDsl.TargetContext(2, 0.25, 3, 7)),
                {{name}}.Spec,
                {{name}}.BuildKernel(x),
                {{name}}.BuildPreconditioner(x),
                {{(trainer ? $"{name}.TrainerConfig, {name}.CreateTrainer()," : "")}}
            ];
        }
        """;

    public static TheoryData<string, string> Rules => DiagnosticSnapshotTests.Rules;

    [Theory]
    [MemberData(nameof(Rules))]
    public void Code_calling_the_generated_members_gets_no_error_but_the_SPD_one(string rule, string source)
    {
        var trainer = source.Contains("[WideNetworkTrainer", StringComparison.Ordinal);
        var run = GeneratorHarness.Generate(source, Use(trainer, rule == "SPD021" ? "Outer.C" : "C"));
        Assert.All(run.GeneratorDiagnostics, diagnostic => Assert.Equal(rule, diagnostic.Id));

        // Errors in the user's code that the compiler reports without any generator (SPD030's attribute
        // argument of the wrong type is CS1503 too): the stubs must add none to them.
        var own = GeneratorHarness.Compilation(source).GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(Show);
        var errors = run.Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(Show);
        if (rule is "SPD020" or "SPD021")
        {
            // The class, or a type containing it, is not partial: no declaration can add members to it,
            // so no stub is emitted (it would add CS0260), and the calls stay unbound (CS0117).
            Assert.Equal(0, run.Stubs);
            Assert.Contains(errors, error => error.StartsWith("CS0117", StringComparison.Ordinal));
            return;
        }
        Assert.Equal(1, run.Stubs);
        Assert.Equal(own, errors);
        if (rule != "SPD030") Assert.Empty(errors);
    }

    [Fact]
    public void The_stub_declares_exactly_the_members_a_successful_generation_declares()
    {
        foreach (var trainer in new[] { false, true })
        {
            var attribute = trainer ? "[WideNetworkTrainer]" : "";
            var generated = Members(GeneratorHarness.Generate($"using SpectrumDsl;\nnamespace Demo;\n[ModifiedSpectrum(\"lambda_k\")][ReluNtk]{attribute} public static partial class C {{ }}"));
            var stubbed = Members(GeneratorHarness.Generate($"using SpectrumDsl;\nnamespace Demo;\n[ModifiedSpectrum(\"lamda\")][ReluNtk]{attribute} public static partial class C {{ }}"));
            Assert.Equal(trainer ? 6 : 4, generated.Length);
            Assert.Equal(generated, stubbed);
        }
    }

    [Fact]
    public void With_the_error_suppressed_the_build_passes_and_a_member_throws_naming_the_error()
    {
        var run = GeneratorHarness.Generate(
            "#pragma warning disable SPD002\nusing SpectrumDsl;\nnamespace Demo;\n[ModifiedSpectrum(\"lambda + lamda\")][ReluNtk] public static partial class C { }");
        Assert.True(Assert.Single(run.GeneratorDiagnostics).IsSuppressed);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var type = Assembly.Load(image.ToArray()).GetType("Demo.C", throwOnError: true)!;
        var build = type.GetMethod("BuildKernel")!;
        var error = Assert.Throws<TargetInvocationException>(() => build.Invoke(null, [null])).InnerException;
        var thrown = Assert.IsType<InvalidOperationException>(error);
        var message = Assert.Single(GeneratorHarness.Generate("using SpectrumDsl;\nnamespace Demo;\n[ModifiedSpectrum(\"lambda + lamda\")][ReluNtk] public static partial class C { }").GeneratorDiagnostics)
            .GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"SPD002: {message} (The [ModifiedSpectrum] class was not generated: fix the SPD errors the build reports on it.)", thrown.Message);
        var spec = type.GetProperty("Spec")!;
        Assert.IsType<InvalidOperationException>(Assert.Throws<TargetInvocationException>(() => spec.GetValue(null)).InnerException);
    }

    [Fact]
    public void A_fixed_error_replaces_the_stub_by_the_generated_class()
    {
        // The IDE case: the same driver, the error fixed by an edit.
        var broken = GeneratorHarness.Compilation("using SpectrumDsl;\n[ModifiedSpectrum(\"lamda\")][ReluNtk] static partial class C { }");
        var driver = GeneratorHarness.Driver().RunGenerators(broken);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        var fixedSource = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("using SpectrumDsl;\n[ModifiedSpectrum(\"lambda\")][ReluNtk] static partial class C { }",
            new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), path: "Source0.cs");
        var result = driver.RunGenerators(broken.ReplaceSyntaxTree(broken.SyntaxTrees.Single(), fixedSource)).GetRunResult();
        var source = Assert.Single(result.GeneratedTrees).ToString();
        Assert.Contains("Spec.BuildKernel(x)", source, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", source, StringComparison.Ordinal);
        Assert.Empty(result.Diagnostics);
    }

    private static string Show(Diagnostic diagnostic) => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan()}";

    /// <summary>The public members of Demo.C the generator added, as C# signatures.</summary>
    private static string[] Members(GeneratorHarness.Run run)
    {
        var type = run.Output.GetTypeByMetadataName("Demo.C")!;
        return type.GetMembers().Where(member => member.DeclaredAccessibility == Accessibility.Public && member.CanBeReferencedByName)
            .Select(member => member.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMemberOptions(
                SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeModifiers)))
            .Order(StringComparer.Ordinal).ToArray();
    }
}
