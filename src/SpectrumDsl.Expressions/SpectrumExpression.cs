namespace SpectrumDsl.Expressions;

/// <summary>
/// Entry points of the expression language. <see cref="Parse"/> is shared with the source
/// generator; the run-time compiler (<c>Compile</c>) lives in <c>Compilation/</c>.
/// </summary>
public static partial class SpectrumExpression
{
    /// <summary>
    /// Parses and checks <paramref name="text"/>. Never throws: every problem, including
    /// <c>null</c> or empty input, is a diagnostic in the result.
    /// </summary>
    public static ParsedExpression Parse(string? text)
    {
        text ??= "";
        var (tree, syntaxError) = Parser.Parse(text);
        if (tree is null)
        {
            return new ParsedExpression(text, null, syntaxError is null ? EquatableArray<ExpressionDiagnostic>.Empty : EquatableArray.Create(syntaxError));
        }
        return new ParsedExpression(text, tree, ExpressionChecker.Check(tree, text));
    }
}
