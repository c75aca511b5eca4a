namespace SpectrumDsl.Expressions;

/// <summary>
/// The generator's own diagnostic ids (SPD020 on), beside the expression language's SPD001-SPD008
/// (src/SpectrumDsl.Expressions/ExpressionDiagnostic.cs, compiled into the generator): one class,
/// one constant per id, which <see cref="SpectrumDsl.Generators.DiagnosticDescriptors"/> is keyed by.
/// Ids are never reused; a retired id keeps its number.
/// </summary>
public static partial class DiagnosticIds
{
    /// <summary>The <c>[ModifiedSpectrum]</c> class is not partial.</summary>
    public const string TypeNotPartial = "SPD020";
    /// <summary>A type containing the class is not partial.</summary>
    public const string ContainingTypeNotPartial = "SPD021";
    /// <summary>No kernel attribute.</summary>
    public const string MissingKernel = "SPD022";
    /// <summary>More than one kernel attribute.</summary>
    public const string DuplicateKernel = "SPD023";
    /// <summary><c>[WideNetworkTrainer]</c> without a ReLU NTK kernel.</summary>
    public const string TrainerNeedsNetworkKernel = "SPD024";
    /// <summary>Rank below 1.</summary>
    public const string RankTooSmall = "SPD025";
    /// <summary>A size (width, steps, depth, record interval) below 1.</summary>
    public const string MustBePositive = "SPD026";
    /// <summary>A value that must not be negative (bias scale, learning rate, batch size) is.</summary>
    public const string MustBeNonNegative = "SPD027";
    /// <summary>A kernel bandwidth that is not a finite number above 0.</summary>
    public const string BandwidthNotPositive = "SPD028";
    /// <summary>A target provably unusable for preconditioned descent.</summary>
    public const string TargetNotPositive = "SPD029";
    /// <summary>An attribute argument that could not be bound (wrong type, not a constant, unknown name, undefined enum value).</summary>
    public const string ArgumentNotBound = "SPD030";
    /// <summary>The target given twice or not at all.</summary>
    public const string TargetConflict = "SPD031";
    /// <summary>An invalid <c>[SpectrumTarget]</c> method.</summary>
    public const string BadTargetMethod = "SPD032";
    /// <summary>The generator failed internally (reported instead of a crash).</summary>
    public const string InternalError = "SPD033";
    /// <summary>Tolerance outside (0, 1).</summary>
    public const string FractionOutOfRange = "SPD034";
    /// <summary>A kernel setting given both by position and by name, or a required one not at all.</summary>
    public const string KernelArgumentConflict = "SPD035";
    /// <summary>Momentum not 0, a value in (0, 1) or -1 (automatic).</summary>
    public const string MomentumOutOfRange = "SPD036";
}
