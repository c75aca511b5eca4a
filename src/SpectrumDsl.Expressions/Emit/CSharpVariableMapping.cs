namespace SpectrumDsl.Expressions;

/// <summary>
/// The C# text the <see cref="CSharpEmitter"/> writes for each variable. Each text must be a
/// C# expression of type <see cref="double"/> that binds at least as tightly as a cast
/// (a name, a member access, a cast or a parenthesised expression).
/// </summary>
public sealed record CSharpVariableMapping
{
    /// <summary>
    /// The mapping for the generated signature
    /// <c>static double Target(double lambda, int i, global::SpectrumDsl.TargetContext context)</c>.
    /// </summary>
    public static CSharpVariableMapping Default { get; } = new();

    /// <summary>Text for <c>lambda</c> / <c>λ</c>.</summary>
    public string Lambda { get; init; } = "lambda";

    /// <summary>Text for <c>i</c>.</summary>
    public string Index { get; init; } = "(double)i";

    /// <summary>Text for <c>k</c>.</summary>
    public string Rank { get; init; } = "(double)context.Rank";

    /// <summary>Text for <c>n</c>.</summary>
    public string SampleCount { get; init; } = "(double)context.SampleCount";

    /// <summary>Text for <c>lambda_1</c>.</summary>
    public string Lambda1 { get; init; } = "context.Lambda1";

    /// <summary>Text for <c>lambda_k</c>.</summary>
    public string LambdaK { get; init; } = "context.LambdaK";

    /// <summary>The text for a canonical variable name.</summary>
    public string For(string canonicalName) => canonicalName switch
    {
        "lambda" => Lambda,
        "i" => Index,
        "k" => Rank,
        "n" => SampleCount,
        "lambda_1" => Lambda1,
        "lambda_k" => LambdaK,
        _ => throw new ArgumentException($"'{canonicalName}' is not a variable.", nameof(canonicalName)),
    };
}
