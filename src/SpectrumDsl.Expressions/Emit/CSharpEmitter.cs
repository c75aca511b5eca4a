using System.Text;

namespace SpectrumDsl.Expressions;

/// <summary>
/// Emits a C# expression of type <see cref="double"/> for a checked tree. Every operator is
/// parenthesised so C# precedence cannot differ from the language's; <c>^</c> and <c>pow</c>
/// become <c>global::System.Math.Pow</c>, literals are invariant round-trip with a <c>D</c>
/// suffix. The runtime compiler performs the same operations in the same order.
/// </summary>
public static class CSharpEmitter
{
    /// <summary>
    /// The C# text for <paramref name="tree"/>, which must have passed <see cref="ExpressionChecker"/>
    /// without diagnostics (otherwise <see cref="ArgumentException"/>).
    /// </summary>
    public static string Emit(ExpressionNode tree, CSharpVariableMapping? mapping = null)
    {
        var builder = new StringBuilder();
        Write(builder, tree, mapping ?? CSharpVariableMapping.Default);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, ExpressionNode node, CSharpVariableMapping mapping)
    {
        switch (node)
        {
            case NumberNode number when Semantics.IsFinite(number.Value) && number.Value >= 0:
                builder.Append(ExpressionPrinter.FormatNumber(number.Value)).Append('D');
                break;
            case VariableNode variable when SpectrumLanguage.CanonicalVariable(variable.Name) is { } name:
                builder.Append(mapping.For(name));
                break;
            case ConstantNode constant:
                builder.Append(constant.Name == "pi" ? "global::System.Math.PI" : "global::System.Math.E");
                break;
            case UnaryNode unary:
                builder.Append("(-");
                Write(builder, unary.Operand, mapping);
                builder.Append(')');
                break;
            case BinaryNode { Operator: BinaryOperator.Power } power:
                WriteCall(builder, "Pow", [power.Left, power.Right], mapping);
                break;
            case BinaryNode binary:
                builder.Append('(');
                Write(builder, binary.Left, mapping);
                builder.Append(' ').Append(binary.Operator.Text()).Append(' ');
                Write(builder, binary.Right, mapping);
                builder.Append(')');
                break;
            case ConditionalNode conditional:
                builder.Append('(');
                Write(builder, conditional.Condition, mapping);
                builder.Append(" ? ");
                Write(builder, conditional.WhenTrue, mapping);
                builder.Append(" : ");
                Write(builder, conditional.WhenFalse, mapping);
                builder.Append(')');
                break;
            case CallNode call when SpectrumLanguage.FunctionArity(call.Name) == call.Arguments.Count:
                WriteCall(builder, Semantics.MathMethod(call.Name), call.Arguments, mapping);
                break;
            default:
                throw new ArgumentException($"'{ExpressionPrinter.Print(node)}' has not passed the checker; only checked trees can be emitted.", nameof(node));
        }
    }

    private static void WriteCall(StringBuilder builder, string method, IReadOnlyList<ExpressionNode> arguments, CSharpVariableMapping mapping)
    {
        builder.Append("global::System.Math.").Append(method).Append('(');
        for (var index = 0; index < arguments.Count; index++)
        {
            if (index > 0) builder.Append(", ");
            Write(builder, arguments[index], mapping);
        }
        builder.Append(')');
    }
}
