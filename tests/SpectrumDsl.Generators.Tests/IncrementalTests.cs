using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static SpectrumDsl.Generators.Tests.GeneratorHarness;

namespace SpectrumDsl.Generators.Tests;

public class IncrementalTests
{
    private static SyntaxTree Tree(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: path);

    [Fact]
    public void Changing_one_expression_regenerates_only_that_class()
    {
        const string first = "using SpectrumDsl;\n[ModifiedSpectrum(\"lambda_k\", Rank = 4)][ReluNtk] static partial class First { }";
        const string second = "using SpectrumDsl;\n[ModifiedSpectrum(\"lambda^0.5\", Rank = 4)][ReluNtk] static partial class Second { }";
        var compilation = Compilation(first, second);
        var driver = Driver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            Tree(second.Replace("lambda^0.5", "lambda^0.25", StringComparison.Ordinal), "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The spec step yields one output per class: the edited one is Modified, the other untouched.
        var specs = result.TrackedSteps[SpectrumGenerator.TrackingNames.Spec]
            .SelectMany(step => step.Outputs)
            .Select(output => (Text: output.Value.ToString() ?? "", output.Reason))
            .ToArray();
        Assert.Equal(2, specs.Length);
        Assert.Contains(specs, spec => spec.Text.Contains("Second", StringComparison.Ordinal) && spec.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(specs, spec => spec.Text.Contains("First", StringComparison.Ordinal)
            && spec.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

        // And only the edited class's source is written again.
        var generated = result.GeneratedSources.Single(source => source.HintName.Contains("Second", StringComparison.Ordinal));
        Assert.Contains("0.25", generated.SourceText.ToString(), StringComparison.Ordinal);
        var outputs = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.Equal(1, outputs.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Contains(IncrementalStepRunReason.Cached, outputs);
    }
}
