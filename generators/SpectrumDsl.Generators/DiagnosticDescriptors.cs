using Microsoft.CodeAnalysis;

namespace SpectrumDsl.Generators;

/// <summary>The generator's diagnostics. Each id has a page in docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SpectrumDsl";

    private static DiagnosticDescriptor Error(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/spectrumdsl/spectrumdsl/blob/main/docs/diagnostics/{id}.md");

    /// <summary>SPD001-SPD008, one descriptor per expression-language id; the message comes from the checker.</summary>
    public static DiagnosticDescriptor Expression(string id) => id switch
    {
        "SPD001" => SyntaxError,
        "SPD002" => UnknownVariable,
        "SPD003" => UnknownFunction,
        "SPD004" => WrongArgumentCount,
        "SPD005" => TypeMismatch,
        "SPD006" => NonFiniteConstant,
        "SPD007" => NestedTooDeeply,
        _ => EmptyExpression,
    };

    public static readonly DiagnosticDescriptor SyntaxError = Error("SPD001", "Syntax error in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor UnknownVariable = Error("SPD002", "Unknown variable in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor UnknownFunction = Error("SPD003", "Unknown function in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor WrongArgumentCount = Error("SPD004", "Wrong number of arguments in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor TypeMismatch = Error("SPD005", "Comparison used as a number, or number used as a condition", "{0}");
    public static readonly DiagnosticDescriptor NonFiniteConstant = Error("SPD006", "Spectrum expression contains a non-finite constant", "{0}");
    public static readonly DiagnosticDescriptor NestedTooDeeply = Error("SPD007", "Spectrum expression nested too deeply", "{0}");
    public static readonly DiagnosticDescriptor EmptyExpression = Error("SPD008", "Spectrum expression is empty", "{0}");

    public static readonly DiagnosticDescriptor TypeNotPartial = Error("SPD020", "Spectrum class must be partial",
        "'{0}' has [ModifiedSpectrum] but is not partial; declare it 'static partial class {0}' so the generator can add members");
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error("SPD021", "Containing type must be partial",
        "'{0}' contains the [ModifiedSpectrum] class '{1}' but is not partial; add 'partial' to '{0}'");
    public static readonly DiagnosticDescriptor MissingKernel = Error("SPD022", "Missing kernel attribute",
        "'{0}' has [ModifiedSpectrum] but no base kernel; add one of [ReluNtk], [GaussianKernel(bandwidth)] or [LaplaceKernel(bandwidth)]");
    public static readonly DiagnosticDescriptor DuplicateKernel = Error("SPD023", "More than one kernel attribute",
        "'{0}' declares kernel [{1}] after [{2}]; keep exactly one kernel attribute");
    public static readonly DiagnosticDescriptor TrainerNeedsReluNtk = Error("SPD024", "Trainer requires a ReLU NTK kernel",
        "[WideNetworkTrainer] on '{0}' trains a ReLU network, so its kernel must be [ReluNtk], not [{1}]");
    public static readonly DiagnosticDescriptor RankTooSmall = Error("SPD025", "Rank must be at least 1",
        "Rank = {0} on '{1}' is invalid; the rank is the number of top eigenvalues to modify and must be at least 1");
    public static readonly DiagnosticDescriptor MustBePositive = Error("SPD026", "Size must be at least 1",
        "{0} = {1} on '{2}' is invalid; {0} must be at least 1");
    public static readonly DiagnosticDescriptor MustBeNonNegative = Error("SPD027", "Value must not be negative",
        "{0} = {1} on '{2}' is invalid; {0} must be a finite number >= 0{3}");
    public static readonly DiagnosticDescriptor ToleranceOutOfRange = Error("SPD034", "Tolerance must lie between 0 and 1",
        "Tolerance = {0} on '{1}' is invalid; training stops when ||r_t|| <= Tolerance ||r_0||, so Tolerance must lie strictly between 0 and 1 (for example 0.05)");
    public static readonly DiagnosticDescriptor BandwidthNotPositive = Error("SPD028", "Bandwidth must be positive",
        "Bandwidth {0} of [{1}] on '{2}' is invalid; use a finite bandwidth greater than 0");
    public static readonly DiagnosticDescriptor TargetNotPositive = Error("SPD029", "Target unusable for preconditioned descent",
        "The target '{0}' is {1}, but the Preconditioned optimizer divides by the target and needs it > 0; change the target or use Optimizer.GradientDescent");
    public static readonly DiagnosticDescriptor ArgumentNotBound = Error("SPD030", "Attribute argument could not be bound",
        "An argument of [{0}] on '{1}' is not a valid constant of the expected type; fix the argument so it compiles");
    public static readonly DiagnosticDescriptor TargetConflict = Error("SPD031", "Target given twice or not at all",
        "'{0}' {1}");
    public static readonly DiagnosticDescriptor BadTargetMethod = Error("SPD032", "Invalid [SpectrumTarget] method",
        "'{0}' cannot be the target: {1}; declare it 'static double {0}(double lambda, int i, global::SpectrumDsl.TargetContext context)'");

    public static readonly DiagnosticDescriptor InternalError = Error("SPD033", "Spectrum generator failed",
        "The spectrum generator failed on '{0}': {1}; the class was skipped, please report this");
}
