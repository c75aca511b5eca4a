using System.Reflection;
using System.Text;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Microsoft.CodeAnalysis;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// One approved text file per diagnostic rule: the source, then each diagnostic with id,
/// severity, line/column span, character span, the flagged text and the message.
/// </summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public class DiagnosticSnapshotTests
{
    private static string Declare(string spectrum, string kernel = "[ReluNtk]", string extra = "", string declaration = "public static partial class C { }") =>
        string.Join("\n", new[] { "using SpectrumDsl;", "namespace Demo;", spectrum, kernel + extra, declaration }.Where(line => line.Length > 0));

    private static string Expression(string text) => Declare($"[ModifiedSpectrum(\"{text}\", Rank = 4)]");

    public static TheoryData<string, string> Rules => new()
    {
        { "SPD001", Expression("lambda_1 * (i + 1") },
        { "SPD002", Expression("lambda + lamda") },
        { "SPD003", Expression("lambda_1 * ln(i)") },
        { "SPD004", Expression("1 + pow(lambda)") },
        { "SPD005", Expression("i < 2") },
        { "SPD006", Expression("lambda + log(0)") },
        { "SPD007", Expression(new string('(', SpectrumLanguageMaxDepth + 1) + "lambda" + new string(')', SpectrumLanguageMaxDepth + 1)) },
        { "SPD008", Expression("") },
        { "SPD020", Declare("[ModifiedSpectrum(\"lambda_k\")]", declaration: "public static class C { }") },
        { "SPD021", Declare("", kernel: "", declaration: "public static class Outer\n{\n    [ModifiedSpectrum(\"lambda_k\")]\n    [ReluNtk]\n    public static partial class C { }\n}") },
        { "SPD022", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "") },
        { "SPD023", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[ReluNtk]\n[GaussianKernel(1.0)]") },
        { "SPD024", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[GaussianKernel(1.0)]", extra: "\n[WideNetworkTrainer(Width = 64)]") },
        { "SPD025", Declare("[ModifiedSpectrum(\"lambda_k\", Rank = 0)]") },
        { "SPD026", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[ReluNtk(Depth = 0)]", extra: "\n[WideNetworkTrainer(Width = 0, Steps = -3)]") },
        { "SPD027", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[ReluNtk(BiasScale = -1)]", extra: "\n[WideNetworkTrainer(LearningRate = -0.1)]") },
        { "SPD028", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[LaplaceKernel(-1.5)]") },
        { "SPD029", Declare("[ModifiedSpectrum(\"-lambda_k\")]", extra: "\n[WideNetworkTrainer(Optimizer = Optimizer.Preconditioned)]") },
        { "SPD030", Declare("[ModifiedSpectrum(42)]") },
        { "SPD031", Declare("[ModifiedSpectrum]") },
        { "SPD032", Declare("[ModifiedSpectrum(Rank = 2)]", declaration: "public static partial class C\n{\n    [SpectrumTarget]\n    private static float Flat(double lambda, int i, TargetContext context) => 1f;\n}") },
        { "SPD034", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[ReluNtk]", extra: "\n[WideNetworkTrainer(Tolerance = double.NaN)]") },
        { "SPD035", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[GaussianKernel(1.0, Bandwidth = 2.0)]") },
        { "SPD036", Declare("[ModifiedSpectrum(\"lambda_k\")]", kernel: "[ReluNtk]", extra: "\n[WideNetworkTrainer(Momentum = 1.0)]") },
    };

    // SpectrumLanguage is compiled into both the generator and SpectrumDsl.Expressions; read the
    // constant through the generator assembly to avoid naming the ambiguous type.
    private static readonly int SpectrumLanguageMaxDepth = (int)typeof(SpectrumGenerator).Assembly
        .GetType("SpectrumDsl.Expressions.SpectrumLanguage")!.GetField("MaxDepth")!.GetRawConstantValue()!;

    [Theory]
    [MemberData(nameof(Rules))]
    public void Diagnostics(string rule, string source)
    {
        var run = GeneratorHarness.Generate(source);
        Assert.Equal(0, run.Specs);
        Assert.NotEmpty(run.GeneratorDiagnostics);
        Assert.All(run.GeneratorDiagnostics, diagnostic => Assert.Equal(rule, diagnostic.Id));
        using (ApprovalResults.ForScenario(rule))
        {
            Approvals.VerifyWithExtension(Format(source, run.GeneratorDiagnostics), ".txt");
        }
    }

    [Fact]
    public void Every_rule_is_an_error_and_pragma_suppresses_it_like_any_analyzer_error()
    {
        // No rule has warning severity: a class the generator cannot emit must fail the build.
        var descriptors = typeof(SpectrumGenerator).Assembly.GetType("SpectrumDsl.Generators.DiagnosticDescriptors")!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetValue(null)).OfType<DiagnosticDescriptor>().ToList();
        Assert.Equal(Rules.Count + 1, descriptors.Select(descriptor => descriptor.Id).Distinct().Count()); // + SPD033 (internal error)
        Assert.All(descriptors, descriptor => Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity));

        // Unlike the compiler's own errors, generator (and analyzer) errors honour '#pragma warning
        // disable': the diagnostic is reported as suppressed, only the throwing stub is generated and the
        // build passes.
        var run = GeneratorHarness.Generate("#pragma warning disable SPD002\n" + Expression("lambda + lamda"));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("SPD002", DiagnosticSeverity.Error, true), (diagnostic.Id, diagnostic.Severity, diagnostic.IsSuppressed));
        Assert.Equal((0, 1), (run.Specs, run.Stubs));
        Assert.Empty(run.CompilerErrors);

        var unsuppressed = Assert.Single(GeneratorHarness.Generate(Expression("lambda + lamda")).GeneratorDiagnostics);
        Assert.False(unsuppressed.IsSuppressed);
    }

    private static string Format(string source, IEnumerable<Diagnostic> diagnostics)
    {
        var builder = new StringBuilder();
        builder.Append("Source:\n").Append(source.Replace("\r\n", "\n")).Append("\n\nDiagnostics:\n");
        foreach (var diagnostic in diagnostics.OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start))
        {
            var span = diagnostic.Location.SourceSpan;
            var lines = diagnostic.Location.GetLineSpan();
            var text = diagnostic.Location.SourceTree?.GetText().ToString(span) ?? "";
            builder.Append(diagnostic.Id).Append(' ').Append(diagnostic.Severity)
                .Append($" ({lines.StartLinePosition.Line + 1},{lines.StartLinePosition.Character + 1})-({lines.EndLinePosition.Line + 1},{lines.EndLinePosition.Character + 1})")
                .Append($" [{span.Start}..{span.End})")
                .Append(" '").Append(text.Length > 60 ? text.Substring(0, 57) + "..." : text).Append("'\n")
                .Append("    ").Append(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        return builder.ToString();
    }
}
