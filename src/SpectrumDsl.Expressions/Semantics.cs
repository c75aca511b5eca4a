namespace SpectrumDsl.Expressions;

/// <summary>
/// The meaning of every operator and function as the exact <see cref="double"/> operation the
/// generated C# performs (<c>a + b</c>, <see cref="Math.Pow"/>, <see cref="Math.Min(double, double)"/> ...).
/// Constant folding, the emitter and the runtime compiler all follow this table, which is what
/// makes their results bit-identical.
/// </summary>
public static class Semantics
{
    /// <summary>Applies an arithmetic operator.</summary>
    public static double Arithmetic(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Add => left + right,
        BinaryOperator.Subtract => left - right,
        BinaryOperator.Multiply => left * right,
        BinaryOperator.Divide => left / right,
        BinaryOperator.Power => Math.Pow(left, right),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not an arithmetic operator."),
    };

    /// <summary>Applies a comparison (IEEE semantics: any comparison with NaN except != is false).</summary>
    public static bool Compare(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Less => left < right,
        BinaryOperator.LessOrEqual => left <= right,
        BinaryOperator.Greater => left > right,
        BinaryOperator.GreaterOrEqual => left >= right,
        BinaryOperator.Equal => left == right,
        BinaryOperator.NotEqual => left != right,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a comparison."),
    };

    /// <summary>Applies a function of the language to its (already counted) arguments.</summary>
    public static double Call(string function, IReadOnlyList<double> arguments) => function switch
    {
        "exp" => Math.Exp(arguments[0]),
        "log" => Math.Log(arguments[0]),
        "sqrt" => Math.Sqrt(arguments[0]),
        "abs" => Math.Abs(arguments[0]),
        "pow" => Math.Pow(arguments[0], arguments[1]),
        "min" => Math.Min(arguments[0], arguments[1]),
        "max" => Math.Max(arguments[0], arguments[1]),
        _ => throw new ArgumentException($"Unknown function '{function}'.", nameof(function)),
    };

    /// <summary>The <see cref="Math"/> method name used for a function, e.g. <c>Exp</c>.</summary>
    public static string MathMethod(string function) => function switch
    {
        "exp" => "Exp",
        "log" => "Log",
        "sqrt" => "Sqrt",
        "abs" => "Abs",
        "pow" => "Pow",
        "min" => "Min",
        "max" => "Max",
        _ => throw new ArgumentException($"Unknown function '{function}'.", nameof(function)),
    };

    /// <summary>True if <paramref name="value"/> is neither NaN nor infinite.</summary>
    public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
}
