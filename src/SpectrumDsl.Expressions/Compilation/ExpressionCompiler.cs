using System.Linq.Expressions;
using System.Reflection;

namespace SpectrumDsl.Expressions;

/// <summary>
/// Compiles a checked tree with System.Linq.Expressions, performing exactly the operations of
/// the <see cref="CSharpEmitter"/> output in the same order (int to double conversions,
/// <see cref="Math.Pow"/>, <see cref="Math.Min(double, double)"/>, ...), so results are bit-identical
/// to the generated code. Not linked into the source generator.
/// </summary>
public static class ExpressionCompiler
{
    private static readonly ParameterExpression Variables = Expression.Parameter(typeof(TargetVariables), "variables");

    /// <summary>Compiles <paramref name="tree"/>, which must have passed the checker without diagnostics.</summary>
    public static Func<TargetVariables, double> Compile(ExpressionNode tree)
    {
        var body = Build(tree);
        return Expression.Lambda<Func<TargetVariables, double>>(body, Variables).Compile();
    }

    private static Expression Build(ExpressionNode node)
    {
        switch (node)
        {
            case NumberNode number:
                return Expression.Constant(number.Value, typeof(double));
            case ConstantNode constant:
                return Expression.Constant(constant.Value, typeof(double));
            case VariableNode variable when SpectrumLanguage.CanonicalVariable(variable.Name) is { } name:
                return name switch
                {
                    "lambda" => Member(nameof(TargetVariables.Lambda)),
                    "i" => Expression.Convert(Member(nameof(TargetVariables.Index)), typeof(double)),
                    "k" => Expression.Convert(Member(nameof(TargetVariables.Rank)), typeof(double)),
                    "n" => Expression.Convert(Member(nameof(TargetVariables.SampleCount)), typeof(double)),
                    "lambda_1" => Member(nameof(TargetVariables.Lambda1)),
                    _ => Member(nameof(TargetVariables.LambdaK)),
                };
            case UnaryNode unary:
                return Expression.Negate(Build(unary.Operand));
            case BinaryNode binary:
            {
                var left = Build(binary.Left);
                var right = Build(binary.Right);
                return binary.Operator switch
                {
                    BinaryOperator.Add => Expression.Add(left, right),
                    BinaryOperator.Subtract => Expression.Subtract(left, right),
                    BinaryOperator.Multiply => Expression.Multiply(left, right),
                    BinaryOperator.Divide => Expression.Divide(left, right),
                    BinaryOperator.Power => Expression.Call(MathMethod("Pow", 2), left, right),
                    BinaryOperator.Less => Expression.LessThan(left, right),
                    BinaryOperator.LessOrEqual => Expression.LessThanOrEqual(left, right),
                    BinaryOperator.Greater => Expression.GreaterThan(left, right),
                    BinaryOperator.GreaterOrEqual => Expression.GreaterThanOrEqual(left, right),
                    BinaryOperator.Equal => Expression.Equal(left, right),
                    _ => Expression.NotEqual(left, right),
                };
            }
            case ConditionalNode conditional:
                return Expression.Condition(Build(conditional.Condition), Build(conditional.WhenTrue), Build(conditional.WhenFalse));
            case CallNode call when SpectrumLanguage.FunctionArity(call.Name) == call.Arguments.Count:
                return Expression.Call(MathMethod(Semantics.MathMethod(call.Name), call.Arguments.Count), call.Arguments.Select(Build));
            default:
                throw new ArgumentException($"'{ExpressionPrinter.Print(node)}' has not passed the checker; only checked trees can be compiled.", nameof(node));
        }
    }

    private static MemberExpression Member(string name) => Expression.Property(Variables, name);

    private static MethodInfo MathMethod(string name, int arity) =>
        typeof(Math).GetMethod(name, Enumerable.Repeat(typeof(double), arity).ToArray())
        ?? throw new MissingMethodException(nameof(Math), name);
}
