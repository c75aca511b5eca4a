namespace SpectrumDsl.Expressions;

/// <summary>The vocabulary of the expression language: variables, constants, functions, limits.</summary>
public static class SpectrumLanguage
{
    /// <summary>Deepest allowed nesting of the syntax tree (SPD007 beyond it).</summary>
    public const int MaxDepth = 100;

    /// <summary>Canonical variable names, in suggestion order.</summary>
    public static IReadOnlyList<string> Variables { get; } = ["lambda_k", "lambda_1", "lambda", "i", "k", "n"];

    /// <summary>Named constants: <c>pi</c> and <c>e</c>.</summary>
    public static IReadOnlyList<string> Constants { get; } = ["pi", "e"];

    /// <summary>Functions and their argument counts.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Functions { get; } =
    [
        new("exp", 1), new("log", 1), new("sqrt", 1), new("abs", 1),
        new("pow", 2), new("min", 2), new("max", 2),
    ];

    /// <summary>
    /// The canonical name of a variable spelling (<c>λ</c> -> <c>lambda</c>, <c>λ_1</c> -> <c>lambda_1</c>,
    /// <c>λ_k</c> -> <c>lambda_k</c>), or <c>null</c> if <paramref name="name"/> is not a variable.
    /// </summary>
    public static string? CanonicalVariable(string name) => name switch
    {
        "lambda" or "\u03BB" => "lambda",
        "lambda_1" or "\u03BB_1" => "lambda_1",
        "lambda_k" or "\u03BB_k" => "lambda_k",
        "i" or "k" or "n" => name,
        _ => null,
    };

    /// <summary>The canonical name of a constant spelling (<c>π</c> -> <c>pi</c>), or <c>null</c>.</summary>
    public static string? CanonicalConstant(string name) => name switch
    {
        "pi" or "\u03C0" => "pi",
        "e" => "e",
        _ => null,
    };

    /// <summary>The value of a canonical constant name.</summary>
    public static double ConstantValue(string canonicalName) => canonicalName == "pi" ? Math.PI : Math.E;

    /// <summary>The argument count of <paramref name="name"/>, or -1 if it is not a function.</summary>
    public static int FunctionArity(string name)
    {
        foreach (var function in Functions)
        {
            if (function.Key == name) return function.Value;
        }
        return -1;
    }
}
