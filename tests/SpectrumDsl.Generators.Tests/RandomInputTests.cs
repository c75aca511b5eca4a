using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using static SpectrumDsl.Generators.Tests.GeneratorHarness;

namespace SpectrumDsl.Generators.Tests;

/// <summary>Whatever a user types into an attribute, the generator reports diagnostics and never throws.</summary>
public class RandomInputTests
{
    // Raw bytes read as Latin-1 reach every char 0..255 (NUL, controls, quotes, backslashes);
    // as UTF-8 they add invalid sequences (U+FFFD) and multi-byte characters such as λ.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Byte.Array[0, 40].Select(bytes => Encoding.Latin1.GetString(bytes)),
        Gen.Byte.Array[0, 40].Select(bytes => Encoding.UTF8.GetString(bytes)),
        Gen.String[Gen.Char["lambda_ik+-*/^()?:<=>!.,0123456789 eλπ\"\\"], 0, 30]);

    [Fact]
    public void Random_text_inside_the_target_string_gives_diagnostics_not_exceptions() =>
        Text.Sample(text => AssertNoCrash($$"""
            using SpectrumDsl;
            [ModifiedSpectrum(@"{{text.Replace("\"", "\"\"", StringComparison.Ordinal)}}", Rank = 3)]
            [ReluNtk(Depth = 1, BiasScale = 1.0)]
            [WideNetworkTrainer(Width = 64, Steps = 10)]
            public static partial class Fuzzed { }
            """), iter: 300);

    [Fact]
    public void Random_text_as_the_whole_argument_list_gives_diagnostics_not_exceptions() =>
        Text.Sample(text => AssertNoCrash($$"""
            using SpectrumDsl;
            [ModifiedSpectrum({{text}})]
            [ReluNtk({{text}})]
            public static partial class Fuzzed { }
            """), iter: 300);

    [Fact]
    public void Random_text_as_the_kernel_or_trainer_argument_list_gives_diagnostics_not_exceptions() =>
        Text.Sample(text => AssertNoCrash($$"""
            using SpectrumDsl;
            [ModifiedSpectrum("lambda_k")]
            [GaussianKernel({{text}})]
            [WideNetworkTrainer({{text}})]
            public static partial class Fuzzed { }
            """), iter: 300);

    private static void AssertNoCrash(string source)
    {
        var run = Generate(source);
        Assert.All(run.Result.Results, generator => Assert.Null(generator.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics.Concat(run.Output.GetDiagnostics()),
            diagnostic => diagnostic.Id is "CS8785" or "CS8784" or "SPD033");
    }
}
