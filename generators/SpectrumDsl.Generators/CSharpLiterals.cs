using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpectrumDsl.Generators;

/// <summary>
/// Culture-invariant C# text of the values the generator writes: into the emitted code, and into
/// the doc comments that quote what the user wrote. Shared by the parser (which turns attribute
/// constants into spec strings) and the emitter.
/// </summary>
internal static class CSharpLiterals
{
    /// <summary>An int as C#.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double as a C# expression that round-trips it, also NaN and the infinities.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "double.NaN"
        : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "D";

    /// <summary>A double as a person writes it (<c>0.05</c>, <c>1E-07</c>), for doc comments and messages.</summary>
    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A string as a C# literal.</summary>
    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>
    /// A primitive attribute constant (int, double, bool) as emitted C# and as attribute text.
    /// Another type means an attribute property the generator was never taught to copy: that is
    /// our bug, so it throws (reported as SPD033) instead of emitting something wrong.
    /// </summary>
    public static (string Expression, string Text) OfPrimitive(TypedConstant value, string property) => value.Value switch
    {
        int i => (Int(i), Int(i)),
        double d => (Number(d), Invariant(d)),
        bool b => (b ? "true" : "false", b ? "true" : "false"),
        _ => throw new InvalidOperationException(
            $"the attribute property {property} has type {value.Type?.ToDisplayString() ?? "?"}, which the generator cannot copy into TrainerConfig; teach CSharpLiterals.OfPrimitive that type"),
    };
}
