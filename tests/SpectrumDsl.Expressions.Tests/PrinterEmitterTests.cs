using static SpectrumDsl.Expressions.Tests.TestHelpers;

namespace SpectrumDsl.Expressions.Tests;

public class PrinterEmitterTests
{
    [Theory]
    [InlineData("lambda_k", "lambda_k")]
    [InlineData("lambda^0.5", "lambda ^ 0.5")]
    [InlineData("lambda_1*i^-2", "lambda_1 * i ^ -2")]
    [InlineData("-2^2", "-2 ^ 2")]
    [InlineData("(-2)^2", "(-2) ^ 2")]
    [InlineData("(2^3)^2", "(2 ^ 3) ^ 2")]
    [InlineData("2^(3^2)", "2 ^ 3 ^ 2")]
    [InlineData("1-(2-3)", "1 - (2 - 3)")]
    [InlineData("(1-2)-3", "1 - 2 - 3")]
    [InlineData("2^(1+1)", "2 ^ (1 + 1)")]
    [InlineData("(i<2?1:2)+1", "(i < 2 ? 1 : 2) + 1")]
    [InlineData("(i<2?i<3?1:2:3)", "i < 2 ? i < 3 ? 1 : 2 : 3")]
    [InlineData("(i<2)<(i<3)", "i < 2 < (i < 3)")]
    [InlineData("1e-3", "0.001")]
    [InlineData("1e-5*λ", "1E-05 * λ")]
    [InlineData("123456789012345678901234567890", "1.2345678901234568E+29")]
    [InlineData("π*e", "pi * e")]
    [InlineData("min(1,max(2,-3))", "min(1, max(2, -3))")]
    [InlineData("- -lambda", "--lambda")]
    public void Prints_canonical_text(string text, string expected)
    {
        var tree = SpectrumExpression.Parse(text).Syntax!;
        var printed = ExpressionPrinter.Print(tree);
        Assert.Equal(expected, printed);
        Assert.True(SpectrumExpression.Parse(printed).Syntax!.StructurallyEquals(tree));
    }

    [Theory]
    [InlineData("lambda_k", "context.LambdaK")]
    [InlineData("lambda^0.5", "global::System.Math.Pow(lambda, 0.5D)")]
    [InlineData("lambda_1 * i^-2", "(context.Lambda1 * global::System.Math.Pow((double)i, (-2D)))")]
    [InlineData("lambda_1 * exp(-0.5 * (i - 1))", "(context.Lambda1 * global::System.Math.Exp(((-0.5D) * ((double)i - 1D))))")]
    [InlineData("i <= 8 ? lambda_k : lambda", "(((double)i <= 8D) ? context.LambdaK : lambda)")]
    [InlineData("λ * k / n", "((lambda * (double)context.Rank) / (double)context.SampleCount)")]
    [InlineData("pi + e", "(global::System.Math.PI + global::System.Math.E)")]
    [InlineData("min(abs(-lambda), max(1e-5, pow(2, sqrt(log(i)))))", "global::System.Math.Min(global::System.Math.Abs((-lambda)), global::System.Math.Max(1E-05D, global::System.Math.Pow(2D, global::System.Math.Sqrt(global::System.Math.Log((double)i)))))")]
    [InlineData("- -lambda", "(-(-lambda))")]
    [InlineData("k == n ? 1 : k != n ? 2 : 3", "(((double)context.Rank == (double)context.SampleCount) ? 1D : (((double)context.Rank != (double)context.SampleCount) ? 2D : 3D))")]
    public void Emits_csharp(string text, string expected) => Assert.Equal(expected, CSharpEmitter.Emit(ParseValid(text)));

    [Fact]
    public void Emitter_uses_a_custom_mapping()
    {
        var mapping = CSharpVariableMapping.Default with { Lambda = "x", Index = "(double)j" };
        Assert.Equal("(x * (double)j)", CSharpEmitter.Emit(ParseValid("lambda * i"), mapping));
    }

    [Fact]
    public void Emitter_rejects_unchecked_trees()
    {
        Assert.Throws<ArgumentException>(() => CSharpEmitter.Emit(SpectrumExpression.Parse("foo(1)").Syntax!));
        Assert.Throws<ArgumentException>(() => CSharpEmitter.Emit(SpectrumExpression.Parse("x").Syntax!));
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void Parse_print_emit_and_messages_do_not_depend_on_culture(string culture)
    {
        string[] texts = ["lambda_1 * exp(-0.5 * (i - 1))", "1.5e-3 * lambda ^ 0.25", "i <= 8 ? lambda_k : 1234567.125", "lamda + 1e400 + pow(1)"];
        string Run() => string.Join("\n", texts.Select(text =>
        {
            var parsed = SpectrumExpression.Parse(text);
            var printed = parsed.Syntax is { } tree ? ExpressionPrinter.Print(tree) : "";
            var emitted = parsed.IsValid ? CSharpEmitter.Emit(parsed.Syntax!) : "";
            var value = parsed.IsValid ? SpectrumExpression.Compile(text).Evaluate(0.5, 3, 8, 100, 2.0, 0.25).ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "";
            return $"{printed}|{emitted}|{value}|{string.Join(";", parsed.Diagnostics)}";
        }));
        var invariant = "";
        WithCulture("", () => invariant = Run());
        var local = "";
        WithCulture(culture, () => local = Run());
        Assert.Equal(invariant, local);
        Assert.Contains("0.0015 * lambda ^ 0.25", invariant);
        Assert.Contains("1234567.125D", invariant);
    }

    [Fact]
    public void Compiled_values_match_the_documented_examples()
    {
        var v = new TargetVariables(Lambda: 0.3, Index: 4, Rank: 8, SampleCount: 100, Lambda1: 2.0, LambdaK: 0.125);
        Assert.Equal(0.125, SpectrumExpression.Compile("lambda_k").Evaluate(v));
        Assert.Equal(Math.Pow(0.3, 0.5), SpectrumExpression.Compile("lambda^0.5").Evaluate(v));
        Assert.Equal(2.0 * Math.Pow(4.0, -2.0), SpectrumExpression.Compile("lambda_1 * i^-2").Evaluate(v));
        Assert.Equal(2.0 * Math.Exp(-0.5 * (4.0 - 1.0)), SpectrumExpression.Compile("lambda_1 * exp(-0.5 * (i - 1))").Evaluate(v));
        Assert.Equal(0.125, SpectrumExpression.Compile("i <= 8 ? lambda_k : lambda").Evaluate(v));
        Assert.Equal(0.3, SpectrumExpression.Compile("i <= 3 ? lambda_k : lambda").Evaluate(v));
        Assert.Equal(-4.0, SpectrumExpression.Compile("-2^2").Evaluate(v));
        Assert.Equal(8.0 / 100.0, SpectrumExpression.Compile("k / n").Evaluate(0, 1, 8, 100, 0, 0));
    }
}
