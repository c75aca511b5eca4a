namespace SpectrumDsl.Expressions;

/// <summary>
/// An immutable node of the expression syntax tree. Record equality compares everything,
/// spans included; use <see cref="WithoutSpans"/> or <see cref="StructurallyEquals"/> to compare
/// shapes only (for example <c>parse(print(e))</c> against <c>e</c>).
/// </summary>
/// <param name="Span">Where the node's text lies in the source expression.</param>
public abstract record ExpressionNode(TextSpan Span)
{
    /// <summary>A copy of this tree with every span set to <c>default</c>.</summary>
    public abstract ExpressionNode WithoutSpans();

    /// <summary>True if both trees have the same shape, operators, names and values, ignoring spans.</summary>
    public bool StructurallyEquals(ExpressionNode? other) => other is not null && WithoutSpans().Equals(other.WithoutSpans());

    /// <summary>The canonical text of this tree (see <see cref="ExpressionPrinter"/>).</summary>
    public sealed override string ToString() => ExpressionPrinter.Print(this);
}

/// <summary>A numeric literal; never negative (a leading minus is a <see cref="UnaryNode"/>).</summary>
/// <param name="Value">The literal's value, parsed with the invariant culture.</param>
/// <param name="Span">Where the literal is.</param>
public sealed record NumberNode(double Value, TextSpan Span) : ExpressionNode(Span)
{
    /// <inheritdoc/>
    public override ExpressionNode WithoutSpans() => this with { Span = default };
}

/// <summary>A variable reference as written (<c>lambda</c>, <c>λ</c>, <c>i</c>, ... or an unknown name).</summary>
/// <param name="Name">The identifier as written.</param>
/// <param name="Span">Where the identifier is.</param>
public sealed record VariableNode(string Name, TextSpan Span) : ExpressionNode(Span)
{
    /// <inheritdoc/>
    public override ExpressionNode WithoutSpans() => this with { Span = default };
}

/// <summary>A named constant, <c>pi</c> or <c>e</c>.</summary>
/// <param name="Name">The canonical name, <c>pi</c> or <c>e</c>.</param>
/// <param name="Span">Where the name is.</param>
public sealed record ConstantNode(string Name, TextSpan Span) : ExpressionNode(Span)
{
    /// <summary>The constant's value, <see cref="Math.PI"/> or <see cref="Math.E"/>.</summary>
    public double Value => SpectrumLanguage.ConstantValue(Name);

    /// <inheritdoc/>
    public override ExpressionNode WithoutSpans() => this with { Span = default };
}

/// <summary>A unary operation, <c>-operand</c>.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The operand.</param>
/// <param name="Span">From the operator to the end of the operand.</param>
public sealed record UnaryNode(UnaryOperator Operator, ExpressionNode Operand, TextSpan Span) : ExpressionNode(Span)
{
    /// <inheritdoc/>
    public override ExpressionNode WithoutSpans() => new UnaryNode(Operator, Operand.WithoutSpans(), default);
}

/// <summary>A binary operation, arithmetic or comparison.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
/// <param name="Span">From the start of <paramref name="Left"/> to the end of <paramref name="Right"/>.</param>
public sealed record BinaryNode(BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right, TextSpan Span) : ExpressionNode(Span)
{
    /// <inheritdoc/>
    public override ExpressionNode WithoutSpans() => new BinaryNode(Operator, Left.WithoutSpans(), Right.WithoutSpans(), default);
}

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
/// <param name="Condition">A comparison.</param>
/// <param name="WhenTrue">Value when the condition holds.</param>
/// <param name="WhenFalse">Value otherwise.</param>
/// <param name="Span">The whole conditional.</param>
public sealed record ConditionalNode(ExpressionNode Condition, ExpressionNode WhenTrue, ExpressionNode WhenFalse, TextSpan Span) : ExpressionNode(Span)
{
    /// <inheritdoc/>
    public override ExpressionNode WithoutSpans() => new ConditionalNode(Condition.WithoutSpans(), WhenTrue.WithoutSpans(), WhenFalse.WithoutSpans(), default);
}

/// <summary>A function call such as <c>exp(x)</c> or <c>pow(x, y)</c>.</summary>
/// <param name="Name">The function name as written.</param>
/// <param name="Arguments">The arguments, in order.</param>
/// <param name="NameSpan">Where the function name is.</param>
/// <param name="Span">From the name to the closing parenthesis.</param>
public sealed record CallNode(string Name, EquatableArray<ExpressionNode> Arguments, TextSpan NameSpan, TextSpan Span) : ExpressionNode(Span)
{
    /// <inheritdoc/>
    public override ExpressionNode WithoutSpans() =>
        new CallNode(Name, Arguments.Select(argument => argument.WithoutSpans()).ToEquatableArray(), default, default);
}
