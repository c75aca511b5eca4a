namespace SpectrumDsl.Expressions;

/// <summary>The result of <see cref="SpectrumExpression.Parse"/>: the tree (when syntax allowed one) and every diagnostic.</summary>
/// <param name="Text">The text that was parsed (<c>null</c> is treated as empty).</param>
/// <param name="Syntax">The syntax tree, or <c>null</c> after a syntax error (SPD001, SPD007, SPD008).</param>
/// <param name="Diagnostics">Every problem found, ordered by position; empty when the expression is valid.</param>
public sealed record ParsedExpression(string Text, ExpressionNode? Syntax, EquatableArray<ExpressionDiagnostic> Diagnostics)
{
    /// <summary>True when there are no diagnostics: the tree can be printed, emitted, analysed and compiled.</summary>
    public bool IsValid => Syntax is not null && Diagnostics.Count == 0;
}
