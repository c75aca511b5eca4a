using System.Globalization;
using Microsoft.CodeAnalysis;
using static SpectrumDsl.Generators.Tests.GeneratorHarness;

namespace SpectrumDsl.Generators.Tests;

public class RobustnessTests
{
    private const string Complete = """
        using SpectrumDsl;
        namespace Demo;
        [ModifiedSpectrum("lambda_1 * exp(-0.5 * (i - 1))", Rank = 64)]
        [ReluNtk(Depth = 2, BiasScale = 1.0)]
        [WideNetworkTrainer(Width = 4096, Steps = 2000, LearningRate = 0, Optimizer = Optimizer.Preconditioned, Tolerance = 1e-6, Seed = 1)]
        public static partial class FlatTop64 { [SpectrumTarget] static double T(double lambda, int i, TargetContext context) => 1; }
        """;

    [Fact]
    public void Every_prefix_of_a_half_typed_declaration_runs_without_crashing()
    {
        // One driver reused across prefixes, like an IDE typing; the generator must never throw (CS8785/CS8784).
        var driver = Driver();
        var compilation = Compilation("");
        for (var length = 0; length <= Complete.Length; length++)
        {
            var tree = CSharpSyntaxTreeFrom(Complete.Substring(0, length));
            compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), tree);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            var result = driver.GetRunResult();
            Assert.All(result.Results, generator => Assert.Null(generator.Exception));
            Assert.DoesNotContain(diagnostics.Concat(output.GetDiagnostics()), diagnostic => diagnostic.Id is "CS8785" or "CS8784" or "SPD033");
        }
    }

    private static SyntaxTree CSharpSyntaxTreeFrom(string text) =>
        Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), path: "Source0.cs");

    [Fact]
    public void Unrelated_edit_reuses_cached_outputs()
    {
        var source = """
            using SpectrumDsl;
            [ModifiedSpectrum("lambda_k", Rank = 4)][ReluNtk] static partial class A { }
            """;
        var compilation = Compilation(source, "class Unrelated { }");
        var driver = Driver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Unrelated { int x; }", new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var spec = result.TrackedSteps[SpectrumGenerator.TrackingNames.Spec].SelectMany(step => step.Outputs).Select(output => output.Reason);
        Assert.All(spec, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).Select(output => output.Reason);
        Assert.All(outputs, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void Edit_inside_the_class_file_that_keeps_the_spec_leaves_the_source_unchanged()
    {
        var compilation = Compilation("using SpectrumDsl;\n[ModifiedSpectrum(\"lambda_k\")][ReluNtk] static partial class A { }");
        var driver = Driver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTreeFrom("using SpectrumDsl;\n// a comment\n[ModifiedSpectrum(\"lambda_k\")][ReluNtk] static partial class A { }"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var spec = result.TrackedSteps[SpectrumGenerator.TrackingNames.Spec].SelectMany(step => step.Outputs).Select(output => output.Reason);
        Assert.All(spec, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("de-DE")]
    public void Output_does_not_depend_on_culture(string culture)
    {
        var source = """
            using SpectrumDsl;
            [ModifiedSpectrum("lambda_1 * 1.5e-3 * i^-0.25", Rank = 3)][ReluNtk(BiasScale = 0.5)]
            [WideNetworkTrainer(LearningRate = 0.25, Tolerance = 1e-7)] static partial class A { }
            """;
        var invariant = WithCulture(CultureInfo.InvariantCulture, () => Generate(source).Source());
        var local = WithCulture(CultureInfo.GetCultureInfo(culture), () => Generate(source).Source());
        Assert.Equal(invariant, local);
        Assert.Contains("0.0015D", invariant);
        Assert.Contains("Activation.Relu, 1, 0.5D)", invariant);
        Assert.Contains("Tolerance = 1E-07D", invariant);
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
