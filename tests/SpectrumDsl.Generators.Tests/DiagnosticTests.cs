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
        Assert.Equal(0, run.Specs);
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
    [InlineData("static partial", "", "[ReluNtk][ErfNtk(BiasScale = 1)]", "SPD023 'ErfNtk(BiasScale = 1)'")]
    [InlineData("static partial", "", "[ErfNtk(Depth = 0)]", "SPD026 '0'")]
    [InlineData("static partial", "", "[ErfNtk(BiasScale = -1)]", "SPD027 '-1'")]
    [InlineData("static partial", "", "[LaplaceKernel(1)][WideNetworkTrainer]", "SPD024 'WideNetworkTrainer'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Width = 0, Steps = -3)]", "SPD026 '0'|SPD026 '-3'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(LearningRate = -0.1, Tolerance = -1)]", "SPD027 '-0.1'|SPD034 '-1'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Tolerance = 1)]", "SPD034 '1'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Tolerance = 1.5)]", "SPD034 '1.5'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Momentum = 1.0)]", "SPD036 '1.0'")]
    [InlineData("static partial", "", "[ReluNtk][WideNetworkTrainer(Momentum = -0.5)]", "SPD036 '-0.5'")]
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
        Assert.Equal(0, run.Specs);
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

    [Theory]
    [InlineData("[ReluNtk][WideNetworkTrainer(RecordInterval = 0)]", "SPD026 '0'")]
    [InlineData("[ReluNtk][WideNetworkTrainer(BatchSize = -1)]", "SPD027 '-1'")]
    [InlineData("[ReluNtk][WideNetworkTrainer(PreconditionerSource = (SpectrumDsl.Training.PreconditionerSource)3)]", "SPD030 '(SpectrumDsl.Training.PreconditionerSource)3'")]
    [InlineData("[ReluNtk][WideNetworkTrainer(Optimizer = (Optimizer)5)]", "SPD030 '(Optimizer)5'")]
    [InlineData("[GaussianKernel(Bandwidth = 0)]", "SPD028 '0'")]
    [InlineData("[LaplaceKernel(Bandwidth = -2.5)]", "SPD028 '-2.5'")]
    [InlineData("[GaussianKernel(1.0, Bandwidth = 2.0)]", "SPD035 '2.0'")]
    [InlineData("[LaplaceKernel(bandwidth: 1.0, Bandwidth = 1.0)]", "SPD035 '1.0'")]
    [InlineData("[LaplaceKernel]", "SPD035 'LaplaceKernel'")]
    [InlineData("[GaussianKernel()]", "SPD035 'GaussianKernel()'")]
    public void Kernel_and_trainer_setting_diagnostics(string attributes, string expected) =>
        Assert.Equal([expected], Diagnose("", kernel: attributes));

    [Theory]
    [InlineData("[ModifiedSpectrum(42)]", "[ReluNtk]",
        "[ModifiedSpectrum] on 'C': argument 1 (target) expects string but is 42 (int). Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\", Rank = \"x\")]", "[ReluNtk]",
        "[ModifiedSpectrum] on 'C': argument Rank expects int but is \"x\" (string). Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[ReluNtk(Depth = 1.5)]",
        "[ReluNtk] on 'C': argument Depth expects int but is 1.5 (double). Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[ReluNtk(Depth = Layers)]",
        "[ReluNtk] on 'C': argument Depth expects a constant int but is Layers (int), which is not a compile-time constant. Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[ReluNtk(Depht = 2)]",
        "[ReluNtk] on 'C': it has no settable property 'Depht'; its settable properties are Depth, BiasScale. Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[GaussianKernel(\"wide\")]",
        "[GaussianKernel] on 'C': argument 1 (bandwidth) expects double but is \"wide\" (string). Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[GaussianKernel(Bandwidth = Unknown)]",
        "[GaussianKernel] on 'C': argument Bandwidth expects double but is Unknown, which does not compile. Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[LaplaceKernel(1.0, 2.0)]",
        "[LaplaceKernel] on 'C': no constructor takes 2 positional arguments; the constructors are () and (double bandwidth). Fix the argument so it compiles.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[ReluNtk][WideNetworkTrainer(Optimizer = (Optimizer)5)]",
        "[WideNetworkTrainer] on 'C': Optimizer must be GradientDescent or Preconditioned but was 5.")]
    [InlineData("[ModifiedSpectrum(\"lambda\")]", "[ReluNtk][WideNetworkTrainer(PreconditionerSource = (SpectrumDsl.Training.PreconditionerSource)3)]",
        "[WideNetworkTrainer] on 'C': PreconditionerSource must be AnalyticNtk or EmpiricalNtk but was 3.")]
    public void SPD030_names_the_argument_the_expected_type_and_what_was_given(string spectrum, string kernel, string message)
    {
        var run = Generate($$"""
            using SpectrumDsl;
            {{spectrum}}
            {{kernel}}
            public static partial class C { static int Layers = 2; }
            """);
        Assert.Equal(0, run.Specs);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SPD030", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("GaussianKernel")]
    [InlineData("LaplaceKernel")]
    public void A_bandwidth_by_name_builds_the_same_kernel_as_by_position(string kernel)
    {
        // [GaussianKernel(Bandwidth = 0.5)] was SPD030 before kernel settings could be named.
        string Source(string arguments) => $"using SpectrumDsl;\nnamespace Demo;\n[ModifiedSpectrum(\"lambda_k\", Rank = 3)]\n[{kernel}({arguments})]\npublic static partial class C {{ }}";
        var named = Generate(Source("Bandwidth = 0.5"));
        var positional = Generate(Source("0.5"));
        Assert.Empty(named.GeneratorDiagnostics);
        Assert.Empty(named.CompilerErrors);
        Assert.Equal(positional.Source(), named.Source());
        Assert.Contains($"new global::SpectrumDsl.Kernels.{kernel}(0.5D)", named.Source());
    }
}
