namespace SpectrumDsl.Expressions;

/// <summary>Unary operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>-x</c></summary>
    Negate,
}

/// <summary>Binary operators, arithmetic and comparison.</summary>
public enum BinaryOperator
{
    /// <summary><c>a + b</c></summary>
    Add,
    /// <summary><c>a - b</c></summary>
    Subtract,
    /// <summary><c>a * b</c></summary>
    Multiply,
    /// <summary><c>a / b</c></summary>
    Divide,
    /// <summary><c>a ^ b</c> (right-associative, <see cref="Math.Pow"/>)</summary>
    Power,
    /// <summary><c>a &lt; b</c></summary>
    Less,
    /// <summary><c>a &lt;= b</c></summary>
    LessOrEqual,
    /// <summary><c>a &gt; b</c></summary>
    Greater,
    /// <summary><c>a &gt;= b</c></summary>
    GreaterOrEqual,
    /// <summary><c>a == b</c></summary>
    Equal,
    /// <summary><c>a != b</c></summary>
    NotEqual,
}

/// <summary>Helpers for <see cref="BinaryOperator"/>.</summary>
public static class OperatorFacts
{
    /// <summary>The operator's text, e.g. <c>"&lt;="</c>.</summary>
    public static string Text(this BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        _ => "!=",
    };

    /// <summary>True for the six comparisons, which produce a boolean.</summary>
    public static bool IsComparison(this BinaryOperator op) => op >= BinaryOperator.Less;
}
