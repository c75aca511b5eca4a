using System.Diagnostics.CodeAnalysis;
using SpectrumDsl.Expressions;

namespace SpectrumDsl;

/// <summary>
/// A target spectrum g(lambda, i, context): the operator-scale eigenvalue that replaces the
/// i-th (1-based) eigenvalue lambda of the base kernel.
/// </summary>
public sealed class SpectrumTarget
{
    private readonly Func<double, int, TargetContext, double> function;

    /// <summary>Wraps a function as a target.</summary>
    /// <param name="description">How the target reads (for reports), for example the expression text.</param>
    /// <param name="function">g(lambda, i, context).</param>
    public SpectrumTarget(string description, Func<double, int, TargetContext, double> function)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(function);
        Description = description;
        this.function = function;
    }

    /// <summary>How the target reads, for example <c>lambda_k</c>.</summary>
    public string Description { get; }

    /// <summary>The identity target g = lambda: the modified kernel equals the base kernel.</summary>
    public static SpectrumTarget Identity { get; } = new("lambda", static (lambda, _, _) => lambda);

    /// <summary>Flattens the top k eigenvalues to lambda_k (EigenPro's choice).</summary>
    public static SpectrumTarget FlattenTop { get; } = new("lambda_k", static (_, _, context) => context.LambdaK);

    /// <summary>
    /// Parses, checks and compiles a target expression at run time, for example <c>"lambda_1 * i^-2"</c>.
    /// The language, the diagnostics and the values are those of <c>[ModifiedSpectrum("...")]</c>:
    /// the result is bit-identical to the generated <c>Target(lambda, i, context)</c>.
    /// </summary>
    /// <param name="text">The expression; <see cref="Description"/> of the result.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="SpectrumExpressionException">
    /// The text is invalid; <see cref="SpectrumExpressionException.Diagnostics"/> lists every problem
    /// with the generator's id (SPD001-SPD008), message and span inside <paramref name="text"/>.
    /// </exception>
    public static SpectrumTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = SpectrumExpression.Parse(text);
        if (!parsed.IsValid) throw new SpectrumExpressionException(parsed.Text, parsed.Diagnostics);
        return FromParsed(parsed);
    }

    /// <summary>
    /// Like <see cref="Parse"/>, but reports problems instead of throwing.
    /// </summary>
    /// <param name="text">The expression (null is reported as an empty expression, SPD008).</param>
    /// <param name="target">The target when the text is valid, otherwise null.</param>
    /// <param name="diagnostics">Every problem (id, message, span), ordered by position; empty on success.</param>
    /// <returns>True when <paramref name="text"/> is a valid target expression.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SpectrumTarget? target, out IReadOnlyList<ExpressionDiagnostic> diagnostics)
    {
        var parsed = SpectrumExpression.Parse(text);
        if (!parsed.IsValid)
        {
            target = null;
            diagnostics = parsed.Diagnostics;
            return false;
        }
        target = FromParsed(parsed);
        diagnostics = [];
        return true;
    }

    private static SpectrumTarget FromParsed(ParsedExpression parsed)
    {
        var function = ExpressionCompiler.Compile(parsed.Syntax!);
        return new SpectrumTarget(parsed.Text, (lambda, i, context) =>
            function(new TargetVariables(lambda, i, context.Rank, context.SampleCount, context.Lambda1, context.LambdaK)));
    }

    /// <summary>The target eigenvalue for eigenvalue <paramref name="lambda"/> at 1-based index <paramref name="i"/>.</summary>
    public double Evaluate(double lambda, int i, TargetContext context) => function(lambda, i, context);

    /// <inheritdoc />
    public override string ToString() => Description;
}
