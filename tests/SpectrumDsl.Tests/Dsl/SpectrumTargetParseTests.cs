using SpectrumDsl.Expressions;

namespace SpectrumDsl.Tests.Dsl;

/// <summary>The run-time text path: <see cref="SpectrumTarget.Parse"/> and <see cref="SpectrumTarget.TryParse"/>.</summary>
public class SpectrumTargetParseTests
{
    private static readonly TargetContext Context = new(Lambda1: 2.5, LambdaK: 0.125, Rank: 8, SampleCount: 100);

    public static TheoryData<string, Func<double, int, TargetContext, double>> Targets => new()
    {
        // Each closed form performs the same double operations in the same order as the expression.
        { "lambda_k", (_, _, c) => c.LambdaK },
        { "λ", (lambda, _, _) => lambda },
        { "lambda^0.5", (lambda, _, _) => Math.Pow(lambda, 0.5) },
        { "lambda_1 * i^-2", (_, i, c) => c.Lambda1 * Math.Pow(i, -2.0) },
        { "lambda_1 * exp(-0.5 * (i - 1))", (_, i, c) => c.Lambda1 * Math.Exp(-0.5 * (i - 1.0)) },
        { "i <= 8 ? lambda_k : lambda", (lambda, i, c) => i <= 8.0 ? c.LambdaK : lambda },
        { "k / n + sqrt(lambda) - log(lambda_1)", (lambda, _, c) => (double)c.Rank / c.SampleCount + Math.Sqrt(lambda) - Math.Log(c.Lambda1) },
        { "max(min(lambda, lambda_1), abs(-lambda_k)) * pi / e", (lambda, _, c) => Math.Max(Math.Min(lambda, c.Lambda1), Math.Abs(-c.LambdaK)) * Math.PI / Math.E },
        { "pow(2, -i) * 1.5e-3", (_, i, _) => Math.Pow(2.0, -(double)i) * 1.5e-3 },
        { "2^3^2", (_, _, _) => Math.Pow(2.0, Math.Pow(3.0, 2.0)) },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Parse_evaluates_like_the_closed_form(string text, Func<double, int, TargetContext, double> expected)
    {
        var target = SpectrumTarget.Parse(text);
        Assert.Equal(text, target.Description);
        Assert.Equal(text, target.ToString());
        foreach (var lambda in new[] { 0.0, 1e-12, 0.3, 1.0, 7.25 })
        {
            for (var i = 1; i <= 10; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected(lambda, i, Context)), BitConverter.DoubleToInt64Bits(target.Evaluate(lambda, i, Context)));
            }
        }
    }

    [Fact]
    public void Parse_sees_every_context_field()
    {
        var target = SpectrumTarget.Parse("lambda + 10 * i + 100 * k + 1000 * n + 10000 * lambda_1 + 100000 * lambda_k");
        Assert.Equal(0.5 + 20 + 300 + 4000 + 50000 + 600000, target.Evaluate(0.5, 2, new TargetContext(Lambda1: 5, LambdaK: 6, Rank: 3, SampleCount: 4)));
    }

    [Theory]
    // id, text, start, length: the same ids and spans as the generator's SPD001-SPD008
    [InlineData("SPD001", "lambda +", 7, 1)]
    [InlineData("SPD002", "lambda + lamda", 9, 5)]
    [InlineData("SPD003", "ln(lambda)", 0, 2)]
    [InlineData("SPD004", "1 + pow(lambda)", 4, 11)]
    [InlineData("SPD005", "i < 2", 0, 5)]
    [InlineData("SPD006", "lambda + log(0)", 9, 6)]
    [InlineData("SPD008", "   ", 0, 3)]
    public void Parse_throws_with_the_diagnostic(string id, string text, int start, int length)
    {
        var exception = Assert.Throws<SpectrumExpressionException>(() => SpectrumTarget.Parse(text));
        Assert.Equal(text, exception.Text);
        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal((id, start, length), (diagnostic.Id, diagnostic.Start, diagnostic.Length));
        Assert.Contains(id, exception.Message);
        Assert.Contains(diagnostic.Message, exception.Message);
        // The message is the one the generator reports (both come from SpectrumExpression.Parse).
        Assert.Equal(SpectrumExpression.Parse(text).Diagnostics, exception.Diagnostics);
    }

    [Fact]
    public void Parse_reports_nesting_too_deep()
    {
        var text = new string('(', 300) + "lambda" + new string(')', 300);
        var exception = Assert.Throws<SpectrumExpressionException>(() => SpectrumTarget.Parse(text));
        Assert.Equal(DiagnosticIds.NestedTooDeeply, Assert.Single(exception.Diagnostics).Id);
    }

    [Fact]
    public void Parse_reports_every_problem_in_order()
    {
        var exception = Assert.Throws<SpectrumExpressionException>(() => SpectrumTarget.Parse("lamda + foo(1) + exp(1, 2)"));
        Assert.Equal(["SPD002", "SPD003", "SPD004"], exception.Diagnostics.Select(diagnostic => diagnostic.Id));
        Assert.Equal([0, 8, 17], exception.Diagnostics.Select(diagnostic => diagnostic.Start));
        Assert.Contains("did you mean 'lambda'?", exception.Diagnostics[0].Message);
    }

    [Fact]
    public void Parse_rejects_null() => Assert.Throws<ArgumentNullException>(() => SpectrumTarget.Parse(null!));

    [Fact]
    public void TryParse_returns_the_target_without_diagnostics()
    {
        Assert.True(SpectrumTarget.TryParse("lambda_1 * i^-2", out var target, out var diagnostics));
        Assert.Empty(diagnostics);
        Assert.Equal(2.5 / 9, target.Evaluate(1, 3, Context));
    }

    [Theory]
    [InlineData("lambda_K", "SPD002", 0, 8)]
    [InlineData("exp(1, 2)", "SPD004", 0, 9)]
    [InlineData("", "SPD008", 0, 0)]
    [InlineData(null, "SPD008", 0, 0)]
    public void TryParse_reports_instead_of_throwing(string? text, string id, int start, int length)
    {
        Assert.False(SpectrumTarget.TryParse(text, out var target, out var diagnostics));
        Assert.Null(target);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((id, start, length), (diagnostic.Id, diagnostic.Start, diagnostic.Length));
    }
}
