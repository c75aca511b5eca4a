using SpectrumDsl.Expressions;

namespace SpectrumDsl.Generators.Model;

/// <summary>
/// A <c>[ModifiedSpectrum]</c> class the generator could not emit because of an error: where it is
/// declared, which members to stub and the error they name. Strings only, structurally equatable.
/// </summary>
/// <param name="HintName">The generated file's name (the same as a successful generation's).</param>
/// <param name="Namespace">The class's namespace, empty for the global one.</param>
/// <param name="ContainingTypes">Declarations of the containing types, outermost first (all partial).</param>
/// <param name="Declaration">The class's own partial declaration.</param>
/// <param name="Trainer">True when the class has <c>[WideNetworkTrainer]</c>, so it declares the trainer members too.</param>
/// <param name="Declared">Generated member names the class declares itself; those are not stubbed (a second declaration would be an error of its own).</param>
/// <param name="Failure">The error: "SPDnnn: message", plus how many more errors there are.</param>
internal sealed record StubClassSpec(
    string HintName,
    string Namespace,
    EquatableArray<string> ContainingTypes,
    string Declaration,
    bool Trainer,
    EquatableArray<string> Declared,
    string Failure)
{
    /// <summary>
    /// "SPDnnn: message" of the first of <paramref name="errors"/> (in report order), with
    /// " (and N more errors)" when there are more.
    /// </summary>
    public static string Describe(IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> errors)
    {
        var first = errors[0];
        var text = first.Id + ": " + first.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        return errors.Count switch
        {
            1 => text,
            2 => text + " (and 1 more error)",
            _ => text + $" (and {errors.Count - 1} more errors)",
        };
    }
}
