// The generator's diagnostic catalog: one descriptor per id of DiagnosticIds, in id order.
//
// Adding, removing or renumbering a descriptor changes, with this file:
//   * the id constant:   src/SpectrumDsl.Expressions/ExpressionDiagnostic.cs (SPD001-SPD008) or
//                        generators/SpectrumDsl.Generators/DiagnosticIds.cs (SPD020 on)
//   * its page:          docs/diagnostics/<id>.md (the descriptor's help link opens it once RepositoryUrl is set)
//   * its README row:    README.md, the diagnostics table of "The DSL reference"
//   * release tracking:  generators/SpectrumDsl.Generators/AnalyzerReleases.Unshipped.md
//   * its snapshot:      tests/SpectrumDsl.Generators.Tests/DiagnosticSnapshotTests.cs (Rules) and
//                        Snapshots/DiagnosticSnapshotTests.Diagnostics.ForScenario.<id>.approved.txt
// tests/SpectrumDsl.Generators.Tests/DiagnosticCatalogTests.cs fails until all of them agree.
using Microsoft.CodeAnalysis;
using SpectrumDsl.Expressions;

namespace SpectrumDsl.Generators;

/// <summary>The generator's diagnostics, keyed by the <see cref="DiagnosticIds"/> constants. Each id has a page in docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SpectrumDsl";

    /// <summary>
    /// The page of <paramref name="id"/> in the repository at <paramref name="repositoryUrl"/>, or null (no help
    /// link) when no repository address is configured: a link must open a page that exists.
    /// </summary>
    public static string? HelpLink(string repositoryUrl, string id) =>
        string.IsNullOrWhiteSpace(repositoryUrl) ? null : $"{repositoryUrl.Trim().TrimEnd('/')}/blob/main/docs/diagnostics/{id}.md";

    // The address is RepositoryUrl of Directory.Build.props, empty until the repository is public.
    private static DiagnosticDescriptor Error(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(RepositoryInfo.Url, id));

    // ---- SPD001-SPD008: the expression language; the message comes from its checker ---------------

    public static readonly DiagnosticDescriptor SyntaxError = Error(DiagnosticIds.SyntaxError, "Syntax error in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor UnknownVariable = Error(DiagnosticIds.UnknownVariable, "Unknown variable in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor UnknownFunction = Error(DiagnosticIds.UnknownFunction, "Unknown function in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor WrongArgumentCount = Error(DiagnosticIds.WrongArgumentCount, "Wrong number of arguments in spectrum expression", "{0}");
    public static readonly DiagnosticDescriptor TypeMismatch = Error(DiagnosticIds.TypeMismatch, "Comparison used as a number, or number used as a condition", "{0}");
    public static readonly DiagnosticDescriptor NonFiniteConstant = Error(DiagnosticIds.NonFiniteConstant, "Spectrum expression contains a non-finite constant", "{0}");
    public static readonly DiagnosticDescriptor NestedTooDeeply = Error(DiagnosticIds.NestedTooDeeply, "Spectrum expression nested too deeply", "{0}");
    public static readonly DiagnosticDescriptor EmptyExpression = Error(DiagnosticIds.EmptyExpression, "Spectrum expression is empty", "{0}");

    // ---- SPD020 on: the attributes -----------------------------------------------------------------
    // Rules shared with the run time (SPD025-SPD028, SPD034, undefined values in SPD030) take their
    // sentence from SettingRules, the source TrainerConfig.Validate throws with.

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(DiagnosticIds.TypeNotPartial, "Spectrum class must be partial",
        "'{0}' has [ModifiedSpectrum] but is not partial; declare it 'static partial class {0}' so the generator can add members");
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(DiagnosticIds.ContainingTypeNotPartial, "Containing type must be partial",
        "'{0}' contains the [ModifiedSpectrum] class '{1}' but is not partial; add 'partial' to '{0}'");
    public static readonly DiagnosticDescriptor MissingKernel = Error(DiagnosticIds.MissingKernel, "Missing kernel attribute",
        "'{0}' has [ModifiedSpectrum] but no base kernel; add one of [ReluNtk], [ErfNtk], [GaussianKernel(bandwidth)] or [LaplaceKernel(bandwidth)]");
    public static readonly DiagnosticDescriptor DuplicateKernel = Error(DiagnosticIds.DuplicateKernel, "More than one kernel attribute",
        "'{0}' declares kernel [{1}] after [{2}]; keep exactly one kernel attribute");
    public static readonly DiagnosticDescriptor TrainerNeedsNetworkKernel = Error(DiagnosticIds.TrainerNeedsNetworkKernel, "Trainer requires a network NTK kernel",
        "[WideNetworkTrainer] on '{0}' trains the network whose NTK is the base kernel, so its kernel must be [ReluNtk] or [ErfNtk], not [{1}]");
    public static readonly DiagnosticDescriptor RankTooSmall = Error(DiagnosticIds.RankTooSmall, "Rank must be at least 1",
        "[{0}] on '{1}': {2}");
    public static readonly DiagnosticDescriptor MustBePositive = Error(DiagnosticIds.MustBePositive, "Size must be at least 1",
        "[{0}] on '{1}': {2}");
    public static readonly DiagnosticDescriptor MustBeNonNegative = Error(DiagnosticIds.MustBeNonNegative, "Value must not be negative",
        "[{0}] on '{1}': {2}");
    public static readonly DiagnosticDescriptor BandwidthNotPositive = Error(DiagnosticIds.BandwidthNotPositive, "Bandwidth must be positive",
        "[{0}] on '{1}': {2}");
    public static readonly DiagnosticDescriptor TargetNotPositive = Error(DiagnosticIds.TargetNotPositive, "Target unusable for preconditioned descent",
        "The target '{0}' is {1}, but the Preconditioned optimizer divides by the target and needs it > 0; change the target or use Optimizer.GradientDescent");
    public static readonly DiagnosticDescriptor ArgumentNotBound = Error(DiagnosticIds.ArgumentNotBound, "Attribute argument could not be bound",
        "[{0}] on '{1}': {2}");
    public static readonly DiagnosticDescriptor TargetConflict = Error(DiagnosticIds.TargetConflict, "Target given twice or not at all",
        "'{0}' {1}");
    public static readonly DiagnosticDescriptor BadTargetMethod = Error(DiagnosticIds.BadTargetMethod, "Invalid [SpectrumTarget] method",
        "'{0}' cannot be the target: {1}; declare it 'static double {0}(double lambda, int i, global::SpectrumDsl.TargetContext context)'");
    public static readonly DiagnosticDescriptor InternalError = Error(DiagnosticIds.InternalError, "Spectrum generator failed",
        "The spectrum generator failed on '{0}': {1}; the class was skipped, please report this");
    public static readonly DiagnosticDescriptor FractionOutOfRange = Error(DiagnosticIds.FractionOutOfRange, "Fraction outside its range",
        "[{0}] on '{1}': {2}");
    public static readonly DiagnosticDescriptor KernelArgumentConflict = Error(DiagnosticIds.KernelArgumentConflict, "Kernel setting given twice or not at all",
        "[{0}] on '{1}' {2}");
    public static readonly DiagnosticDescriptor MomentumOutOfRange = Error(DiagnosticIds.MomentumOutOfRange, "Momentum outside its range",
        "[{0}] on '{1}': {2}");

    /// <summary>Every descriptor, in id order (declared after the fields, which initialise in text order).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        SyntaxError, UnknownVariable, UnknownFunction, WrongArgumentCount, TypeMismatch, NonFiniteConstant, NestedTooDeeply, EmptyExpression,
        TypeNotPartial, ContainingTypeNotPartial, MissingKernel, DuplicateKernel, TrainerNeedsNetworkKernel, RankTooSmall, MustBePositive,
        MustBeNonNegative, BandwidthNotPositive, TargetNotPositive, ArgumentNotBound, TargetConflict, BadTargetMethod, InternalError,
        FractionOutOfRange, KernelArgumentConflict, MomentumOutOfRange,
    ];

    /// <summary>
    /// The descriptor of <paramref name="id"/> (for the expression language's diagnostics, whose id
    /// comes with them). An id without a descriptor is a bug of ours, not of the user: it throws,
    /// and the generator's never-throw wrapper turns that into SPD033 naming the id.
    /// </summary>
    /// <exception cref="UnknownDiagnosticIdException">No descriptor has this id.</exception>
    public static DiagnosticDescriptor For(string id)
    {
        // A linear search: 24 entries, and no static dictionary whose initialiser could throw.
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id) return descriptor;
        }
        throw new UnknownDiagnosticIdException(id);
    }
}

/// <summary>A diagnostic id without a descriptor in <see cref="DiagnosticDescriptors"/>.</summary>
internal sealed class UnknownDiagnosticIdException(string id)
    : InvalidOperationException($"diagnostic id '{id}' has no descriptor; add it to DiagnosticDescriptors (generators/SpectrumDsl.Generators/DiagnosticDescriptors.cs) with the files its header lists")
{
    /// <summary>The id without a descriptor.</summary>
    public string Id { get; } = id;
}
