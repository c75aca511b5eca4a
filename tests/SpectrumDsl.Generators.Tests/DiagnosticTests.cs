using Microsoft.CodeAnalysis;
using static SpectrumDsl.Generators.Tests.GeneratorHarness;

namespace SpectrumDsl.Generators.Tests;

public class DiagnosticTests
{
    private static string[] Diagnose(string body, string target = "\"lambda_k\"", string kernel = "[ReluNtk]", string extra = "", string modifiers = "static partial")
    {
        var source = $$"""
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum({{target}})]
            {{kernel}}
            {{extra}}
            public {{modifiers}} class C { {{body}} }
            """;
        var run = Generate(source);
        Assert.Empty(run.Result.GeneratedTrees);
        return run.GeneratorDiagnostics.Select(Describe).ToArray();
    }

    [Theory]
    [InlineData("\"lambda +\"", "SPD001 '+'")]
    [InlineData("\"lamda_k\"", "SPD002 'lamda_k'")]
    [InlineData("\"2 * lambda1\"", "SPD002 'lambda1'")]
    [InlineData("\"ln(lambda)\"", "SPD003 'ln'")]
    [InlineData("\"1 + pow(lambda)\"", "SPD004 'pow(lambda)'")]
    [InlineData("\"i < 2\"", "SPD005 'i < 2'")]
    [InlineData("\"lambda + log(0)\"", "SPD006 'log(0)'")]
    [InlineData("\"\"", "SPD008 '\"\"'")] // empty: the whole (empty) literal
    [InlineData("@\"lambda + foo(1)\"", "SPD003 'foo'")]
    [InlineData("\"\"\"lamda\"\"\"", "SPD002 'lamda'")]
    [InlineData("\"\\u03BB + lamda\"", "SPD002 '\"\\u03BB + lamda\"'")] // escapes: the whole literal
    [InlineData("\"lam\" + \"da\"", "SPD002 '\"lam\" + \"da\"'")] // constant expression: the whole argument
    public void Expression_diagnostics_point_inside_the_string(string target, string expected) =>
        Assert.Equal([expected], Diagnose("", target));

    [Fact]
    public void Expression_diagnostic_span_is_exact()
    {
        var run = Generate("using SpectrumDsl;\n[ModifiedSpectrum(\"lambda + lamda\")][ReluNtk] static partial class C { }");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SPD002", diagnostic.Id);
        var literalStart = "using SpectrumDsl;\n[ModifiedSpectrum(\"".Length;
        Assert.Equal(new Microsoft.CodeAnalysis.Text.TextSpan(literalStart + 9, 5), diagnostic.Location.SourceSpan);
        Assert.Contains("did you mean 'lambda'?", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("static", "", "", "SPD020 'C'")]
    [InlineData("static partial", "[ModifiedSpectrum(\"lambda\", Rank = 0)]", "", "SPD025 '0'")]
    [InlineData("static partial", "", "[GaussianKernel(0)]", "SPD028 '0'")]
    [InlineData("static partial", "", "[LaplaceKernel(-1.5)]", "SPD028 '-1.5'")]
    [InlineData("static partial", "", "[ReluNtk(Depth = 0)]", "SPD026 '0'")]
    [InlineData("static partial", "", "[ReluNtk(BiasScale = -1)]", "SPD027 '-1'")]
    [InlineData("static partial", "", "[ReluNtk][GaussianKernel(1)]", "SPD023 'GaussianKernel(1)'")]
    [InlineData("static partial", "", "[GaussianKernel(1)][WideNetworkTrainer]", "SPD024 'WideNetworkTrainer'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Width = 0, Steps = -3)]", "SPD026 '0'|SPD026 '-3'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(LearningRate = -0.1, Tolerance = -1)]", "SPD027 '-0.1'|SPD034 '-1'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Tolerance = 0)]", "SPD034 '0'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Tolerance = 1.5)]", "SPD034 '1.5'")]
    [InlineData("static partial", "[ModifiedSpectrum(\"-lambda\")]", "[ReluNtk][WideNetworkTrainer]", "SPD029 '-lambda'")]
    [InlineData("static partial", "[ModifiedSpectrum(\"lambda / 0\")]", "[ReluNtk][WideNetworkTrainer(Optimizer = Optimizer.Preconditioned)]", "SPD029 'lambda / 0'")]
    [InlineData("static partial", "[ModifiedSpectrum(\"lambda\", Rank = \"x\")]", "", "SPD030 'ModifiedSpectrum(\"lambda\", Rank = \"x\")'")]
    [InlineData("static partial", "[ModifiedSpectrum(42)]", "", "SPD030 'ModifiedSpectrum(42)'")]
    [InlineData("static partial", "[ModifiedSpectrum]", "", "SPD031 'ModifiedSpectrum'")]
    public void Attribute_diagnostics(string modifiers, string spectrum, string kernel, string expected)
    {
        var source = $$"""
            using SpectrumDsl;
            {{(spectrum.Length > 0 ? spectrum : "[ModifiedSpectrum(\"lambda_k\")]")}}
            {{(kernel.Length > 0 ? kernel : "[ReluNtk]")}}
            public {{modifiers}} class C { }
            """;
        var run = Generate(source);
        Assert.Empty(run.Result.GeneratedTrees);
        Assert.Equal(expected.Split('|'), run.GeneratorDiagnostics.Select(Describe));
    }

    [Fact]
    public void Missing_kernel_and_non_partial_container()
    {
        var run = Generate("using SpectrumDsl;\nclass Outer { [ModifiedSpectrum(\"lambda\")] static partial class C { } }");
        Assert.Equal(["SPD021 'Outer'", "SPD022 'C'"], run.GeneratorDiagnostics.Select(Describe).OrderBy(text => text));
    }

    [Fact]
    public void Gradient_descent_accepts_a_non_positive_target()
    {
        var run = Generate("using SpectrumDsl;\n[ModifiedSpectrum(\"-lambda\")][ReluNtk][WideNetworkTrainer(Optimizer = Optimizer.GradientDescent)] static partial class C { }");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.Result.GeneratedTrees);
    }

    [Theory]
    [InlineData("[SpectrumTarget] static double T(double lambda, int i, TargetContext context) => 1;", "\"lambda\"", "SPD031 'T'")]
    [InlineData("[SpectrumTarget] double T(double lambda, int i, TargetContext context) => 1;", "", "SPD032 'T'")]
    [InlineData("[SpectrumTarget] static float T(double lambda, int i, TargetContext context) => 1;", "", "SPD032 'T'")]
    [InlineData("[SpectrumTarget] static double T(double lambda, TargetContext context) => 1;", "", "SPD032 'T'")]
    [InlineData("[SpectrumTarget] static double T(double lambda, int i, TargetContext context) => 1; [SpectrumTarget] static double U(double lambda, int i, TargetContext context) => 1;", "", "SPD032 'T'")]
    public void Target_method_diagnostics(string body, string target, string expected) =>
        Assert.Equal([expected], Diagnose(body, target));
}
