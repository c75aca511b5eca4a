namespace SpectrumDsl.Expressions;

/// <summary>Thrown by <see cref="SpectrumExpression.Compile"/> when the text has diagnostics.</summary>
public sealed class SpectrumExpressionException : Exception
{
    /// <summary>Creates the exception for <paramref name="text"/> and its diagnostics.</summary>
    public SpectrumExpressionException(string text, IReadOnlyList<ExpressionDiagnostic> diagnostics)
        : base(FormatMessage(text, diagnostics))
    {
        Text = text;
        Diagnostics = diagnostics.ToEquatableArray();
    }

    /// <summary>The expression text.</summary>
    public string Text { get; }

    /// <summary>The problems (id, message, span), ordered by position.</summary>
    public EquatableArray<ExpressionDiagnostic> Diagnostics { get; }

    private static string FormatMessage(string text, IReadOnlyList<ExpressionDiagnostic> diagnostics) =>
        $"The spectrum expression '{text}' is invalid:" + string.Concat(diagnostics.Select(diagnostic =>
            $"{Environment.NewLine}  {diagnostic.Id} at {diagnostic.Start}..{diagnostic.Start + diagnostic.Length}: {diagnostic.Message}"));
}
