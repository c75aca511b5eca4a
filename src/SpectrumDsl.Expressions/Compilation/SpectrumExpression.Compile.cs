namespace SpectrumDsl.Expressions;

public static partial class SpectrumExpression
{
    /// <summary>
    /// Parses, checks and compiles <paramref name="text"/>. Throws <see cref="SpectrumExpressionException"/>
    /// (carrying every diagnostic with id, message and span) when the text is invalid.
    /// </summary>
    public static CompiledExpression Compile(string text)
    {
        var parsed = Parse(text);
        if (!parsed.IsValid) throw new SpectrumExpressionException(parsed.Text, parsed.Diagnostics);
        return new CompiledExpression(parsed.Text, parsed.Syntax!, ExpressionCompiler.Compile(parsed.Syntax!));
    }
}
