namespace SpectrumDsl.Expressions;

/// <summary>A checked expression compiled to a delegate; values are bit-identical to the generated C#.</summary>
public sealed class CompiledExpression
{
    private readonly Func<TargetVariables, double> _function;

    internal CompiledExpression(string text, ExpressionNode syntax, Func<TargetVariables, double> function)
    {
        Text = text;
        Syntax = syntax;
        _function = function;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The checked syntax tree.</summary>
    public ExpressionNode Syntax { get; }

    /// <summary>Evaluates the target for one set of variables.</summary>
    public double Evaluate(TargetVariables variables) => _function(variables);

    /// <summary>Evaluates the target; arguments follow the generated <c>Target(lambda, i, context)</c>.</summary>
    public double Evaluate(double lambda, int index, int rank, int sampleCount, double lambda1, double lambdaK) =>
        _function(new TargetVariables(lambda, index, rank, sampleCount, lambda1, lambdaK));

    /// <inheritdoc/>
    public override string ToString() => Text;
}
