namespace SpectrumDsl.Expressions.Tests;

public class DiagnosticTests
{
    private static ExpressionDiagnostic Single(string text)
    {
        var parsed = SpectrumExpression.Parse(text);
        Assert.False(parsed.IsValid);
        return Assert.Single(parsed.Diagnostics);
    }

    [Theory]
    // id, text, start, length, fragment the message must contain
    [InlineData("SPD001", "lambda +", 7, 1, "Missing operand after '+'")]
    [InlineData("SPD001", "lambda + * 2", 9, 1, "found '*'")]
    [InlineData("SPD001", "(lambda + 1", 0, 1, "Missing ')'")]
    [InlineData("SPD001", "lambda + 1)", 10, 1, "no matching '('")]
    [InlineData("SPD001", "lambda 2", 7, 1, "Unexpected number '2' after a complete expression")]
    [InlineData("SPD001", "2lambda", 1, 6, "Unexpected name 'lambda'")]
    [InlineData("SPD001", "lambda # 2", 7, 1, "character '#' (U+0023)")]
    [InlineData("SPD001", "lambda \0", 7, 1, "character U+0000")]
    [InlineData("SPD001", "lambda * 😀", 9, 2, "U+1F600")]
    [InlineData("SPD001", "i < 2 ? 1", 6, 1, "no ':' branch")]
    [InlineData("SPD001", "i < 2 ? 1 ) 2", 10, 1, "Expected ':'")]
    [InlineData("SPD001", "pow(1 2)", 6, 1, "Expected ',' or ')' to close the call to 'pow'")]
    [InlineData("SPD001", "exp(1", 3, 1, "Missing ',' or ')' to close the call to 'exp'")]
    [InlineData("SPD001", "min(1,)", 6, 1, "Missing operand after ','")]
    [InlineData("SPD001", "()", 1, 1, "Unexpected ')'")]
    [InlineData("SPD001", "lambda = 1", 7, 1, "character '='")]
    [InlineData("SPD001", "+lambda", 0, 1, "Unexpected '+'")]
    [InlineData("SPD002", "lamda * 2", 0, 5, "did you mean 'lambda'?")]
    [InlineData("SPD002", "lambda_K", 0, 8, "did you mean 'lambda_k'?")]
    [InlineData("SPD002", "lambdak", 0, 7, "did you mean 'lambda_k'?")]
    [InlineData("SPD002", "2 * lambda1", 4, 7, "did you mean 'lambda_1'?")]
    [InlineData("SPD002", "x + 1", 0, 1, "the variables are lambda")]
    [InlineData("SPD002", "exp * 2", 0, 3, "'exp' is a function, not a variable")]
    [InlineData("SPD003", "expp(lambda)", 0, 4, "did you mean 'exp'?")]
    [InlineData("SPD003", "ln(lambda)", 0, 2, "did you mean 'log'?")]
    [InlineData("SPD003", "foo(lambda)", 0, 3, "the functions are exp, log, sqrt, abs, pow, min and max")]
    [InlineData("SPD003", "lambda(2)", 0, 6, "is a variable, not a function")]
    [InlineData("SPD004", "1 + pow(lambda)", 4, 11, "'pow' takes 2 arguments but is given 1 argument")]
    [InlineData("SPD004", "exp(1, 2)", 0, 9, "'exp' takes 1 argument but is given 2 arguments")]
    [InlineData("SPD004", "min()", 0, 5, "given 0 arguments")]
    [InlineData("SPD005", "i < 2", 0, 5, "the target must be a number")]
    [InlineData("SPD005", "(i < 2) + 1", 1, 5, "cannot be an operand of '+'")]
    [InlineData("SPD005", "lambda ? 1 : 2", 0, 6, "needs a comparison")]
    [InlineData("SPD005", "i < 2 ? i < 3 : 1", 8, 5, "cannot be a branch of '?:'")]
    [InlineData("SPD005", "-(i < 2)", 2, 5, "negated")]
    [InlineData("SPD005", "exp(i < 2)", 4, 5, "an argument of 'exp'")]
    [InlineData("SPD005", "i < 2 < 3 ? 1 : 2", 0, 5, "compared with '<'")]
    [InlineData("SPD006", "lambda * 1e400", 9, 5, "too large")]
    [InlineData("SPD006", "lambda + log(0)", 9, 6, "-infinity")]
    [InlineData("SPD006", "lambda + 1/0", 9, 3, "+infinity")]
    [InlineData("SPD006", "lambda * sqrt(-1)", 9, 8, "NaN")]
    [InlineData("SPD006", "0 * log(0) + lambda", 4, 6, "-infinity")]
    [InlineData("SPD006", "exp(1000)", 0, 9, "+infinity")]
    [InlineData("SPD006", "i < 2 ? lambda : 1e308 * 10", 17, 10, "+infinity")]
    [InlineData("SPD008", "", 0, 0, "empty")]
    [InlineData("SPD008", "   \t", 0, 4, "empty")]
    public void Reports_each_id_with_exact_span(string id, string text, int start, int length, string fragment)
    {
        var diagnostic = Single(text);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal((start, length), (diagnostic.Start, diagnostic.Length));
        Assert.Contains(fragment, diagnostic.Message);
    }

    [Fact]
    public void Nested_too_deeply_points_at_the_opening_that_crossed_the_limit()
    {
        var text = new string('(', 150) + "1" + new string(')', 150);
        var diagnostic = Single(text);
        Assert.Equal("SPD007", diagnostic.Id);
        Assert.Equal((SpectrumLanguage.MaxDepth, 1), (diagnostic.Start, diagnostic.Length));
        Assert.Contains("nested more than 100 levels", diagnostic.Message);
    }

    [Fact]
    public void Null_is_an_empty_expression()
    {
        var parsed = SpectrumExpression.Parse(null);
        Assert.Equal(new ExpressionDiagnostic("SPD008", parsed.Diagnostics[0].Message, 0, 0), Assert.Single(parsed.Diagnostics));
    }

    [Fact]
    public void Several_semantic_problems_are_all_reported_in_order()
    {
        var parsed = SpectrumExpression.Parse("lamda + foo(1) + exp(1, 2)");
        Assert.Equal(["SPD002", "SPD003", "SPD004"], parsed.Diagnostics.Select(diagnostic => diagnostic.Id));
        Assert.Equal([0, 8, 17], parsed.Diagnostics.Select(diagnostic => diagnostic.Start));
    }

    [Fact]
    public void Non_finite_folding_is_reported_once_on_the_innermost_subexpression()
    {
        var parsed = SpectrumExpression.Parse("lambda + exp(log(0) * 2)");
        var diagnostic = Assert.Single(parsed.Diagnostics);
        Assert.Equal((13, 6), (diagnostic.Start, diagnostic.Length));
    }

    [Fact]
    public void Constant_but_finite_subexpressions_are_fine()
    {
        Assert.True(SpectrumExpression.Parse("lambda * exp(-1000) + log(1) + 1 / 3").IsValid);
        Assert.True(SpectrumExpression.Parse("i < 2 ? lambda : lambda / i").IsValid);
    }

    [Fact]
    public void Compile_throws_with_all_diagnostics()
    {
        var exception = Assert.Throws<SpectrumExpressionException>(() => SpectrumExpression.Compile("lamda + foo(1)"));
        Assert.Equal("lamda + foo(1)", exception.Text);
        Assert.Equal(["SPD002", "SPD003"], exception.Diagnostics.Select(diagnostic => diagnostic.Id));
        Assert.Contains("SPD002 at 0..5", exception.Message);
    }
}
