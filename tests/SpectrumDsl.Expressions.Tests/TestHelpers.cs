using System.Globalization;

namespace SpectrumDsl.Expressions.Tests;

/// <summary>Shared helpers: an S-expression view of trees and a reference interpreter.</summary>
internal static class TestHelpers
{
    /// <summary>Fully bracketed prefix form, e.g. <c>(- (^ 2 2))</c>, to pin down precedence.</summary>
    public static string Sexp(ExpressionNode node) => node switch
    {
        NumberNode number => number.Value.ToString("R", CultureInfo.InvariantCulture),
        VariableNode variable => variable.Name,
        ConstantNode constant => constant.Name,
        UnaryNode unary => $"(- {Sexp(unary.Operand)})",
        BinaryNode binary => $"({binary.Operator.Text()} {Sexp(binary.Left)} {Sexp(binary.Right)})",
        ConditionalNode conditional => $"(? {Sexp(conditional.Condition)} {Sexp(conditional.WhenTrue)} {Sexp(conditional.WhenFalse)})",
        CallNode call => $"({call.Name}{string.Concat(call.Arguments.Select(argument => " " + Sexp(argument)))})",
        _ => "?",
    };

    public static ExpressionNode ParseValid(string text)
    {
        var parsed = SpectrumExpression.Parse(text);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Diagnostics));
        return parsed.Syntax!;
    }

    /// <summary>A straightforward recursive interpreter, written independently of the library.</summary>
    public static double Interpret(ExpressionNode node, TargetVariables v) => node switch
    {
        NumberNode number => number.Value,
        ConstantNode constant => constant.Name == "pi" ? Math.PI : Math.E,
        VariableNode variable => variable.Name switch
        {
            "lambda" or "λ" => v.Lambda,
            "i" => (double)v.Index,
            "k" => (double)v.Rank,
            "n" => (double)v.SampleCount,
            "lambda_1" or "λ_1" => v.Lambda1,
            "lambda_k" or "λ_k" => v.LambdaK,
            _ => throw new InvalidOperationException(variable.Name),
        },
        UnaryNode unary => -Interpret(unary.Operand, v),
        BinaryNode binary => binary.Operator switch
        {
            BinaryOperator.Add => Interpret(binary.Left, v) + Interpret(binary.Right, v),
            BinaryOperator.Subtract => Interpret(binary.Left, v) - Interpret(binary.Right, v),
            BinaryOperator.Multiply => Interpret(binary.Left, v) * Interpret(binary.Right, v),
            BinaryOperator.Divide => Interpret(binary.Left, v) / Interpret(binary.Right, v),
            BinaryOperator.Power => Math.Pow(Interpret(binary.Left, v), Interpret(binary.Right, v)),
            _ => throw new InvalidOperationException("comparison used as a number"),
        },
        ConditionalNode conditional => Holds(conditional.Condition, v) ? Interpret(conditional.WhenTrue, v) : Interpret(conditional.WhenFalse, v),
        CallNode call => call.Name switch
        {
            "exp" => Math.Exp(Interpret(call.Arguments[0], v)),
            "log" => Math.Log(Interpret(call.Arguments[0], v)),
            "sqrt" => Math.Sqrt(Interpret(call.Arguments[0], v)),
            "abs" => Math.Abs(Interpret(call.Arguments[0], v)),
            "pow" => Math.Pow(Interpret(call.Arguments[0], v), Interpret(call.Arguments[1], v)),
            "min" => Math.Min(Interpret(call.Arguments[0], v), Interpret(call.Arguments[1], v)),
            "max" => Math.Max(Interpret(call.Arguments[0], v), Interpret(call.Arguments[1], v)),
            _ => throw new InvalidOperationException(call.Name),
        },
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static bool Holds(ExpressionNode node, TargetVariables v)
    {
        var binary = (BinaryNode)node;
        var a = Interpret(binary.Left, v);
        var b = Interpret(binary.Right, v);
        return binary.Operator switch
        {
            BinaryOperator.Less => a < b,
            BinaryOperator.LessOrEqual => a <= b,
            BinaryOperator.Greater => a > b,
            BinaryOperator.GreaterOrEqual => a >= b,
            BinaryOperator.Equal => a == b,
            _ => a != b,
        };
    }

    /// <summary>
    /// Whether evaluating <paramref name="node"/> in doubles loses what the reals keep somewhere: a product,
    /// quotient, power or exponential of finite non-zero operands that rounds to 0 or to an infinity (or, for a
    /// power, to 1 though neither base 1 nor exponent 0 make it so), a sum
    /// of finite operands that overflows, or a sum of non-zero operands that absorbs one of them
    /// (pi + 1e-59 == pi). At such points a value that is positive over the reals can come out 0 or flip a
    /// condition, so an analysis that reasons over the reals (TargetSign) makes no promise there.
    /// </summary>
    public static bool DoublesDepartFromReals(ExpressionNode node, TargetVariables v)
    {
        static bool Finite(double x) => double.IsFinite(x);
        static bool Escaped(double result) => result == 0 || double.IsInfinity(result);
        bool Scaled(double a, double b, double result) => Finite(a) && Finite(b) && a != 0 && b != 0 && Escaped(result);
        // a ^ b and e ^ b that round to 1 forget b (exp(1e-54) == 1), so exp(lambda ^ 9) - 1 comes out 0.
        bool Raised(double a, double b, double result) => Finite(a) && Finite(b) && a != 0 && (Escaped(result) || (result == 1 && a != 1 && b != 0));
        bool Here()
        {
            switch (node)
            {
                case BinaryNode { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum:
                {
                    double a = Interpret(sum.Left, v), b = Interpret(sum.Right, v), result = Interpret(sum, v);
                    var absorbed = a != 0 && b != 0 && (result == a || Math.Abs(result) == Math.Abs(b));
                    return Finite(a) && Finite(b) && (double.IsInfinity(result) || absorbed);
                }
                case BinaryNode { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } product:
                    return Scaled(Interpret(product.Left, v), Interpret(product.Right, v), Interpret(product, v));
                case BinaryNode { Operator: BinaryOperator.Power } power:
                    return Raised(Interpret(power.Left, v), Interpret(power.Right, v), Interpret(power, v));
                case CallNode { Name: "pow" } call:
                    return Raised(Interpret(call.Arguments[0], v), Interpret(call.Arguments[1], v), Interpret(call, v));
                case CallNode { Name: "exp" } call:
                    return Raised(Math.E, Interpret(call.Arguments[0], v), Interpret(call, v));
                default:
                    return false;
            }
        }
        var children = node switch
        {
            UnaryNode unary => new[] { unary.Operand },
            BinaryNode binary => new[] { binary.Left, binary.Right },
            ConditionalNode conditional => new[] { conditional.Condition, conditional.WhenTrue, conditional.WhenFalse },
            CallNode call => call.Arguments.ToArray(),
            _ => Array.Empty<ExpressionNode>(),
        };
        return children.Any(child => DoublesDepartFromReals(child, v)) || Here();
    }

    public static void WithCulture(string name, Action action)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }
}
