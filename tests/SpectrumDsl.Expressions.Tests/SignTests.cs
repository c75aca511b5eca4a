namespace SpectrumDsl.Expressions.Tests;

public class SignTests
{
    [Theory]
    [InlineData("lambda_k")]
    [InlineData("lambda")]
    [InlineData("λ")]
    [InlineData("lambda^0.5")]
    [InlineData("lambda_1 * i^-2")]
    [InlineData("lambda_1 * exp(-0.5 * (i - 1))")]
    [InlineData("i <= 8 ? lambda_k : lambda")]
    [InlineData("exp(i - k)")]
    [InlineData("exp(-lambda)")]
    [InlineData("1 / lambda")]
    [InlineData("lambda / (1 + lambda)")]
    [InlineData("sqrt(lambda) + log(2)")]
    [InlineData("max(lambda, -1)")]
    [InlineData("min(lambda, lambda_k)")]
    [InlineData("abs(-lambda)")]
    [InlineData("pow(lambda, i)")]
    [InlineData("(-lambda)^2")]
    [InlineData("lambda - lambda + 1")]
    [InlineData("i - 1 + lambda")]
    [InlineData("log(1 + lambda)")]
    [InlineData("k / n")]
    [InlineData("i > 0 ? lambda : -lambda")]
    [InlineData("pi")]
    public void Provably_positive(string text) => Assert.Equal(SignVerdict.ProvablyPositive, TargetSign.Analyze(TestHelpers.ParseValid(text)));

    [Theory]
    [InlineData("-lambda")]
    [InlineData("0")]
    [InlineData("lambda - lambda - 1")]
    [InlineData("min(lambda, 0)")]
    [InlineData("-exp(lambda)")]
    [InlineData("1 - i - lambda")]
    [InlineData("-abs(lambda - 1)")]
    [InlineData("0 * lambda")]
    [InlineData("-lambda_k / i")]
    [InlineData("i < 1 ? lambda : -lambda")]
    [InlineData("(-lambda)^3")]
    [InlineData("log(1 / (1 + lambda))")]
    public void Provably_non_positive(string text) => Assert.Equal(SignVerdict.ProvablyNonPositive, TargetSign.Analyze(TestHelpers.ParseValid(text)));

    [Theory]
    [InlineData("lambda - 1")]
    [InlineData("lambda - lambda_k")]
    [InlineData("log(lambda)")]
    [InlineData("sqrt(lambda - 1)")]
    [InlineData("1 / (lambda - 1)")]
    [InlineData("i < 4 ? lambda : -lambda")]
    [InlineData("(lambda - 1)^0.5")]
    [InlineData("lambda ^ (lambda - 1) - 1")]
    [InlineData("(-lambda) ^ (3 / 0.06382978723404255)")] // the quotient is 47.00000000000001: NaN, not an odd power
    public void Unknown(string text) => Assert.Equal(SignVerdict.Unknown, TargetSign.Analyze(TestHelpers.ParseValid(text)));

    [Theory]
    [InlineData("lambda / 0")]
    [InlineData("log(-lambda)")]
    [InlineData("sqrt(-lambda_k)")]
    [InlineData("log(0 * lambda)")]
    [InlineData("lambda + log(-i)")]
    public void Provably_non_finite(string text) => Assert.Equal(SignVerdict.ProvablyNonFinite, TargetSign.Analyze(TestHelpers.ParseValid(text)));

    [Fact]
    public void Unchecked_trees_are_unknown_not_an_exception()
    {
        Assert.Equal(SignVerdict.Unknown, TargetSign.Analyze(SpectrumExpression.Parse("foo(1)").Syntax!));
        Assert.Equal(SignVerdict.Unknown, TargetSign.Analyze(SpectrumExpression.Parse("x").Syntax!));
        Assert.Equal(SignVerdict.Unknown, TargetSign.Analyze(SpectrumExpression.Parse("lambda ? 1 : 2").Syntax!));
    }
}
