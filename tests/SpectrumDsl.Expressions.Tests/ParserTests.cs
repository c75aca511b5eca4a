using static SpectrumDsl.Expressions.Tests.TestHelpers;

namespace SpectrumDsl.Expressions.Tests;

public class ParserTests
{
    [Theory]
    [InlineData("lambda_k", "lambda_k")]
    [InlineData("lambda^0.5", "(^ lambda 0.5)")]
    [InlineData("lambda_1 * i^-2", "(* lambda_1 (^ i (- 2)))")]
    [InlineData("lambda_1 * exp(-0.5 * (i - 1))", "(* lambda_1 (exp (* (- 0.5) (- i 1))))")]
    [InlineData("i <= 8 ? lambda_k : lambda", "(? (<= i 8) lambda_k lambda)")]
    [InlineData("λ", "λ")]
    [InlineData("1e-3", "0.001")]
    [InlineData("2.5E+2", "250")]
    [InlineData(".5", "0.5")]
    [InlineData("pi * e", "(* pi e)")]
    [InlineData("π", "pi")]
    [InlineData("pow(lambda, 2)", "(pow lambda 2)")]
    [InlineData("min(lambda, 1) + max(i, k) - abs(n) / sqrt(log(2))", "(- (+ (min lambda 1) (max i k)) (/ (abs n) (sqrt (log 2))))")]
    [InlineData("k != n ? 1 : 2", "(? (!= k n) 1 2)")]
    [InlineData("k == n ? 1 : 2", "(? (== k n) 1 2)")]
    [InlineData("i < 2 ? 1 : i > 3 ? 2 : i >= 9 ? 3 : 4", "(? (< i 2) 1 (? (> i 3) 2 (? (>= i 9) 3 4)))")]
    [InlineData("i < 2 ? i < 3 ? 1 : 2 : 3", "(? (< i 2) (? (< i 3) 1 2) 3)")]
    [InlineData("  lambda\t*\n2 ", "(* lambda 2)")]
    [InlineData("λ_k − 1", "(- λ_k 1)")]
    public void Parses_documented_constructs(string text, string expected) => Assert.Equal(expected, Sexp(ParseValid(text)));

    [Theory]
    [InlineData("-2^2", "(- (^ 2 2))")]
    [InlineData("2^3^2", "(^ 2 (^ 3 2))")]
    [InlineData("2^-3^2", "(^ 2 (- (^ 3 2)))")]
    [InlineData("2^--3", "(^ 2 (- (- 3)))")]
    [InlineData("(-2)^2", "(^ (- 2) 2)")]
    [InlineData("1 - 2 - 3", "(- (- 1 2) 3)")]
    [InlineData("1 / 2 / 3", "(/ (/ 1 2) 3)")]
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("-lambda * 2", "(* (- lambda) 2)")]
    [InlineData("2 * -lambda", "(* 2 (- lambda))")]
    [InlineData("1 + 2 < 3 * 4", "(< (+ 1 2) (* 3 4))")]
    [InlineData("i ^ 2 * 3", "(* (^ i 2) 3)")]
    [InlineData("-i^2^-1", "(- (^ i (^ 2 (- 1))))")]
    public void Precedence_and_associativity(string text, string expected) => Assert.Equal(expected, Sexp(SpectrumExpression.Parse(text).Syntax!));

    [Fact]
    public void Spans_cover_the_source_text()
    {
        var tree = (BinaryNode)ParseValid("lambda_1 * exp(-0.5)");
        Assert.Equal(new TextSpan(0, 20), tree.Span);
        Assert.Equal(new TextSpan(0, 8), tree.Left.Span);
        var call = (CallNode)tree.Right;
        Assert.Equal(new TextSpan(11, 9), call.Span);
        Assert.Equal(new TextSpan(11, 3), call.NameSpan);
        Assert.Equal(new TextSpan(15, 4), call.Arguments[0].Span);
    }

    [Fact]
    public void Record_equality_includes_spans_but_structural_equality_ignores_them()
    {
        var a = ParseValid("lambda+1");
        var b = ParseValid(" lambda + 1");
        Assert.NotEqual(a, b);
        Assert.True(a.StructurallyEquals(b));
        Assert.Equal(a.WithoutSpans(), b.WithoutSpans());
        Assert.Equal(a.WithoutSpans().GetHashCode(), b.WithoutSpans().GetHashCode());
        Assert.False(a.StructurallyEquals(ParseValid("lambda+2")));
    }

    [Fact]
    public void Call_arguments_compare_by_value()
    {
        var a = (CallNode)ParseValid("min(1, 2)").WithoutSpans();
        var b = (CallNode)ParseValid("min(1,2)").WithoutSpans();
        Assert.Equal(a.Arguments, b.Arguments);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Huge_literal_parses_to_infinity_and_is_reported()
    {
        var parsed = SpectrumExpression.Parse("1e999 * lambda");
        Assert.Equal(double.PositiveInfinity, ((NumberNode)((BinaryNode)parsed.Syntax!).Left).Value);
        Assert.Equal("SPD006", Assert.Single(parsed.Diagnostics).Id);
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("lambda\0")]
    [InlineData("\uD800")]
    [InlineData("\uDC00lambda")]
    [InlineData("😀 + 1")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999")]
    [InlineData("1e99999999999999999999")]
    [InlineData("1e")]
    [InlineData("((((((((((")]
    [InlineData("))))")]
    [InlineData("?:")]
    [InlineData("=")]
    [InlineData("!")]
    [InlineData("pow(,)")]
    [InlineData("min(1,)")]
    [InlineData("exp(")]
    public void Odd_inputs_never_throw_and_spans_stay_inside(string text)
    {
        var parsed = SpectrumExpression.Parse(text);
        Assert.False(parsed.IsValid && text.Contains('\0'));
        foreach (var diagnostic in parsed.Diagnostics)
        {
            Assert.InRange(diagnostic.Start, 0, text.Length);
            Assert.InRange(diagnostic.Start + diagnostic.Length, diagnostic.Start, text.Length);
        }
    }

    [Theory]
    [InlineData(100000, "(", ")")]
    [InlineData(100000, "-", "")]
    [InlineData(100000, "exp(", ")")]
    [InlineData(100000, "2^", "")]
    [InlineData(100000, "1?2:", "")]
    public void Deep_nesting_is_a_diagnostic_not_a_stack_overflow(int depth, string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "lambda" + string.Concat(Enumerable.Repeat(close, depth));
        var parsed = SpectrumExpression.Parse(text);
        Assert.Equal("SPD007", Assert.Single(parsed.Diagnostics).Id);
    }

    [Fact]
    public void Long_flat_chains_are_capped_too()
    {
        var text = string.Join(" + ", Enumerable.Repeat("lambda", 100000));
        Assert.Equal("SPD007", Assert.Single(SpectrumExpression.Parse(text).Diagnostics).Id);
        var fine = string.Join(" + ", Enumerable.Repeat("lambda", SpectrumLanguage.MaxDepth));
        Assert.True(SpectrumExpression.Parse(fine).IsValid);
    }
}
