namespace SpectrumDsl.Expressions;

/// <summary>
/// One problem found in an expression. <see cref="Start"/> and <see cref="Length"/> locate the
/// offending text inside the expression string (0-based UTF-16 indices; always within the text).
/// </summary>
/// <param name="Id">Stable identifier, <c>SPD001</c> to <c>SPD008</c> (see <see cref="DiagnosticIds"/>).</param>
/// <param name="Message">What is wrong, naming the offending text, and how to fix it.</param>
/// <param name="Start">Index of the first offending character.</param>
/// <param name="Length">Number of offending characters (0 only for an empty expression).</param>
public sealed record ExpressionDiagnostic(string Id, string Message, int Start, int Length)
{
    /// <summary>The location as a span.</summary>
    public TextSpan Span => new(Start, Length);

    /// <inheritdoc/>
    public override string ToString() => $"{Id} at {Start}+{Length}: {Message}";
}

/// <summary>
/// The diagnostic ids of the expression language, SPD001-SPD008. Documented in <c>docs/diagnostics/</c>.
/// Partial: the source generator compiles this file in and adds its own ids (SPD020 on) in
/// <c>generators/SpectrumDsl.Generators/DiagnosticIds.cs</c>, so every id is one constant of one class there.
/// </summary>
public static partial class DiagnosticIds
{
    /// <summary>Syntax error: unexpected character or token, missing operand or parenthesis, trailing input.</summary>
    public const string SyntaxError = "SPD001";
    /// <summary>Unknown variable name.</summary>
    public const string UnknownVariable = "SPD002";
    /// <summary>Unknown function name.</summary>
    public const string UnknownFunction = "SPD003";
    /// <summary>Wrong number of arguments in a function call.</summary>
    public const string WrongArgumentCount = "SPD004";
    /// <summary>A comparison used as a number, or a number used as a condition.</summary>
    public const string TypeMismatch = "SPD005";
    /// <summary>A literal or constant subexpression that is infinite or NaN.</summary>
    public const string NonFiniteConstant = "SPD006";
    /// <summary>Expression nested more deeply than <see cref="SpectrumLanguage.MaxDepth"/>.</summary>
    public const string NestedTooDeeply = "SPD007";
    /// <summary>The expression is empty or only whitespace.</summary>
    public const string EmptyExpression = "SPD008";
}
