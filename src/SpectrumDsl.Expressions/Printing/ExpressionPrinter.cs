using System.Globalization;
using System.Text;

namespace SpectrumDsl.Expressions;

/// <summary>
/// Prints a tree as canonical text: canonical names (<c>λ</c> stays as written, since a variable
/// keeps its spelling), single spaces around binary operators, invariant round-trip numbers
/// (<c>"R"</c>), and only the parentheses precedence requires. <c>Parse(Print(e))</c> is
/// structurally equal to <c>e</c> for every tree whose numbers are finite and non-negative (the
/// only numbers the parser produces).
/// </summary>
public static class ExpressionPrinter
{
    // Precedence levels, lowest first; mirrors the grammar in Parser.
    private const int Conditional = 0, Comparison = 1, Additive = 2, Multiplicative = 3, Unary = 4, Power = 5, Primary = 6;

    /// <summary>The canonical text of <paramref name="tree"/>.</summary>
    public static string Print(ExpressionNode tree)
    {
        var builder = new StringBuilder();
        Write(builder, tree, Conditional);
        return builder.ToString();
    }

    /// <summary>Formats a number the way the printer does: invariant culture, shortest round-trip.</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Write(StringBuilder builder, ExpressionNode node, int minimum)
    {
        var precedence = Precedence(node);
        var parenthesise = precedence < minimum;
        if (parenthesise) builder.Append('(');
        switch (node)
        {
            case NumberNode number:
                builder.Append(FormatNumber(number.Value));
                break;
            case VariableNode variable:
                builder.Append(variable.Name);
                break;
            case ConstantNode constant:
                builder.Append(constant.Name);
                break;
            case UnaryNode unary:
                builder.Append('-');
                Write(builder, unary.Operand, Unary);
                break;
            case BinaryNode { Operator: BinaryOperator.Power } power:
                Write(builder, power.Left, Primary);
                builder.Append(" ^ ");
                Write(builder, power.Right, Unary);
                break;
            case BinaryNode binary:
                Write(builder, binary.Left, precedence);
                builder.Append(' ').Append(binary.Operator.Text()).Append(' ');
                Write(builder, binary.Right, precedence + 1);
                break;
            case ConditionalNode conditional:
                Write(builder, conditional.Condition, Comparison);
                builder.Append(" ? ");
                Write(builder, conditional.WhenTrue, Conditional);
                builder.Append(" : ");
                Write(builder, conditional.WhenFalse, Conditional);
                break;
            case CallNode call:
                builder.Append(call.Name).Append('(');
                for (var index = 0; index < call.Arguments.Count; index++)
                {
                    if (index > 0) builder.Append(", ");
                    Write(builder, call.Arguments[index], Conditional);
                }
                builder.Append(')');
                break;
        }
        if (parenthesise) builder.Append(')');
    }

    private static int Precedence(ExpressionNode node) => node switch
    {
        ConditionalNode => Conditional,
        UnaryNode => Unary,
        BinaryNode binary => binary.Operator switch
        {
            BinaryOperator.Power => Power,
            BinaryOperator.Add or BinaryOperator.Subtract => Additive,
            BinaryOperator.Multiply or BinaryOperator.Divide => Multiplicative,
            _ => Comparison,
        },
        _ => Primary,
    };
}
