using System.Globalization;

namespace SpectrumDsl.Validation;

/// <summary>
/// The defaults and rules of every setting a user writes (TrainerConfig, NetworkArchitecture,
/// the kernels, the DSL attributes), each stated once. Compiled into the runtime and, as a linked
/// file, into the source generator (generators/SpectrumDsl.Generators/SpectrumDsl.Generators.csproj),
/// so a value the generator accepts at compile time is a value <c>TrainerConfig.Validate</c> accepts
/// at run time, with the same message.
/// </summary>
/// <remarks>
/// Plain C# for netstandard2.0 and net10.0: constants and functions only, no MathNet, no Roslyn,
/// no exceptions. A rule returns <c>null</c> for a valid value, otherwise one sentence naming the
/// setting, the value and the rule, plus advice; the caller decides how to report it (an
/// <c>ArgumentOutOfRangeException</c> at run time, a diagnostic at compile time).
/// Enum defaults are member names because the generator cannot see the runtime's enum types.
/// </remarks>
internal static class SettingRules
{
    // ---- defaults -------------------------------------------------------------------------------

    /// <summary>Hidden-layer width m of <c>TrainerConfig</c> and <c>[WideNetworkTrainer]</c>.</summary>
    public const int DefaultWidth = 1024;

    /// <summary>Maximum number of update steps.</summary>
    public const int DefaultSteps = 10_000;

    /// <summary>Learning rate; 0 means automatic.</summary>
    public const double DefaultLearningRate = 0;

    /// <summary>The <c>Optimizer</c> member trained with by default.</summary>
    public const string DefaultOptimizer = "Preconditioned";

    /// <summary>Rank k of <c>TrainerConfig</c> (17 covers the circle's degrees &lt;= 8).</summary>
    public const int DefaultTrainerRank = 17;

    /// <summary>Rank k of <c>[ModifiedSpectrum]</c> when <c>Rank</c> is not written.</summary>
    public const int DefaultSpectrumRank = 1;

    /// <summary>The <c>PreconditionerSource</c> member used by default.</summary>
    public const string DefaultPreconditionerSource = "AnalyticNtk";

    /// <summary>Relative residual at which training stops (the paper's 5 %).</summary>
    public const double DefaultTolerance = 0.05;

    /// <summary>Seed of initialisation and mini-batch order.</summary>
    public const int DefaultSeed = 0;

    /// <summary>A training record is kept every this many steps.</summary>
    public const int DefaultRecordInterval = 10;

    /// <summary>Points per step; 0 means full batch.</summary>
    public const int DefaultBatchSize = 0;

    /// <summary>Heavy-ball momentum mu; 0 means plain (preconditioned) gradient descent.</summary>
    public const double DefaultMomentum = 0;

    /// <summary>The momentum value that asks for mu (and eta) chosen from the spectrum by the heavy-ball rule.</summary>
    public const double AutomaticMomentum = -1;

    /// <summary>Whether a learning rate above the stability bound is let through.</summary>
    public const bool DefaultAllowUnstableLearningRate = false;

    /// <summary>How the eigenpairs are obtained (a member name of TrainingPath).</summary>
    public const string DefaultPath = "Automatic";

    /// <summary>The <c>DivergencePolicy</c> member a run follows when its loss diverges.</summary>
    public const string DefaultOnDivergence = "Recover";

    /// <summary>Nystrom subsample size s (0: automatic, min(n, <see cref="AutomaticSubsample"/>)).</summary>
    public const int DefaultSubsample = 0;

    // ---- size limits: where the work changes form, stated once for the trainer and EigenPro ----------

    /// <summary>
    /// The automatic Nystrom subsample s = min(n, this) of the trainer and EigenPro: EigenPro and Falkon use a few
    /// thousand points; s^2 doubles (the subsample Gram) are the path's largest allocation.
    /// </summary>
    public const int AutomaticSubsample = 4000;

    /// <summary>The largest training set the automatic path trains exactly (its n x n Gram: 800 MB at this size).</summary>
    public const int ExactPathLimit = 10_000;

    /// <summary>
    /// Up to this many points the exact path decomposes the Gram fully (exact predictions of kernel theory); above,
    /// only its top k + 1 eigenpairs are computed, which is all S needs, and predicted step counts are lower bounds.
    /// </summary>
    public const int FullDecompositionLimit = 1000;

    /// <summary>Train accuracy at which classification stops (0: never).</summary>
    public const double DefaultStopAtTrainAccuracy = 0;

    /// <summary>Test accuracy at which classification stops (0: never).</summary>
    public const double DefaultStopAtTestAccuracy = 0;

    /// <summary>The share of the training points held out for validation (0: none).</summary>
    public const double DefaultValidationFraction = 0;

    /// <summary>Validation evaluations without improvement before the run stops (0: never stop early).</summary>
    public const int DefaultPatience = 0;

    /// <summary>Hidden layers L of <c>[ReluNtk]</c> and of <c>TrainerConfig</c>'s default architecture.</summary>
    public const int DefaultDepth = 1;

    /// <summary>Bias scale of <c>[ReluNtk]</c> when <c>BiasScale</c> is not written (no bias).</summary>
    public const double DefaultKernelBiasScale = 0;

    /// <summary>Bias scale of <c>TrainerConfig</c>'s default architecture.</summary>
    public const double DefaultTrainerBiasScale = 1.0;

    // ---- rules of named settings ----------------------------------------------------------------

    /// <summary>Width m: at least 1.</summary>
    public static string? Width(int value, string name) => AtLeast(name, value, 1, "The width m is the number of units per hidden layer.");

    /// <summary>Steps: at least 1.</summary>
    public static string? Steps(int value, string name) => AtLeast(name, value, 1, "Steps is the maximum number of update steps.");

    /// <summary>Learning rate: finite and &gt;= 0 (0 is automatic).</summary>
    public static string? LearningRate(double value, string name) => NonNegative(name, value, "Use 0 for the automatic step 1/lambda_max.");

    /// <summary>
    /// Momentum: 0 (none), a fixed mu in (0, 1), or <see cref="AutomaticMomentum"/> (-1: mu and eta from the extreme
    /// eigenvalues that matter). Heavy ball is stable only for 0 &lt;= mu &lt; 1 (docs/design.md#momentum).
    /// </summary>
    public static string? Momentum(double value, string name) => value == 0 || (value > 0 && value < 1) || value == AutomaticMomentum
        ? null
        : $"{name} must be 0 (no momentum), a value in (0, 1) or {Format(AutomaticMomentum)} (automatic) but was {Format(value)}. Heavy ball w <- w - eta g + mu (w - w_prev) diverges for mu >= 1 or mu < 0; for example 0.5, or {Format(AutomaticMomentum)} to choose mu from the spectrum.";

    /// <summary>Rank k: at least 1.</summary>
    public static string? Rank(int value, string name) => AtLeast(name, value, 1, "Rank k is the number of top eigenvalues (eigenpairs) that are modified.");

    /// <summary>Tolerance: in [0, 1), relative to the initial residual; 0 runs the whole step budget.</summary>
    public static string? Tolerance(double value, string name) => value >= 0 && value < 1
        ? null
        : $"{name} must lie in [0, 1) but was {Format(value)}. Training stops when ||r_t|| <= {name} ||r_0||, so values below 1 mean something, for example 0.05; 0 runs the whole step budget.";

    /// <summary>Validation fraction: in [0, 1).</summary>
    public static string? ValidationFraction(double value, string name) => value >= 0 && value < 1
        ? null
        : $"{name} must lie in [0, 1) but was {Format(value)}: it is the share of the training points held out for validation, for example 0.2; 0 holds none out.";

    /// <summary>Patience: at least 0.</summary>
    public static string? Patience(int value, string name) => AtLeast(name, value, 0, "It counts validation evaluations (one per record) without improvement before the run stops; 0 never stops early.");

    /// <summary>Record interval: at least 1.</summary>
    public static string? RecordInterval(int value, string name) => AtLeast(name, value, 1, "A record is kept every this many steps.");

    /// <summary>Batch size: at least 0 (0 is full batch).</summary>
    public static string? BatchSize(int value, string name) => AtLeast(name, value, 0, "Use 0 for full batch.");

    /// <summary>An accuracy to stop at: 0 (never) or a fraction in (0, 1].</summary>
    public static string? Accuracy(double value, string name) => value == 0 || (value > 0 && value <= 1)
        ? null
        : $"{name} must be 0 (do not stop on accuracy) or a fraction in (0, 1] but was {Format(value)}; for example 0.85 stops at 85 % accuracy.";

    /// <summary>Nystrom subsample: at least 0 (0 is automatic).</summary>
    public static string? Subsample(int value, string name) => AtLeast(name, value, 0, "Use 0 for the automatic min(n, " + AutomaticSubsample.ToString(CultureInfo.InvariantCulture) + ").");

    /// <summary>Depth L: at least 1.</summary>
    public static string? Depth(int value, string name) => AtLeast(name, value, 1, "A network needs at least one hidden layer.");

    /// <summary>Bias scale beta: finite and &gt;= 0 (0 is no bias).</summary>
    public static string? BiasScale(double value, string name) => NonNegative(name, value, "Use 0 for a network without bias.");

    /// <summary>Kernel bandwidth: finite and &gt; 0.</summary>
    public static string? Bandwidth(double value, string name) => Positive(name, value, "The bandwidth is a length scale; try the median distance between points.");

    // ---- rule shapes ----------------------------------------------------------------------------

    /// <summary><paramref name="value"/> &gt;= <paramref name="minimum"/>.</summary>
    public static string? AtLeast(string name, int value, int minimum, string? advice = null) => value >= minimum
        ? null
        : $"{name} must be >= {minimum.ToString(CultureInfo.InvariantCulture)} but was {value.ToString(CultureInfo.InvariantCulture)}.{Suffix(advice)}";

    /// <summary>A finite <paramref name="value"/> &gt;= 0.</summary>
    public static string? NonNegative(string name, double value, string? advice = null) => value >= 0 && IsFinite(value)
        ? null
        : $"{name} must be a finite number >= 0 but was {Format(value)}.{Suffix(advice)}";

    /// <summary>A finite <paramref name="value"/> &gt; 0.</summary>
    public static string? Positive(string name, double value, string? advice = null) => value > 0 && IsFinite(value)
        ? null
        : $"{name} must be a finite number > 0 but was {Format(value)}.{Suffix(advice)}";

    /// <summary>An enum value that is one of its type's members (<paramref name="names"/>, in value order).</summary>
    public static string? Defined(string name, long value, bool defined, IReadOnlyList<string> names) => defined
        ? null
        : $"{name} must be {Alternatives(names)} but was {value.ToString(CultureInfo.InvariantCulture)}.";

    /// <summary>Culture-invariant round-trip text of a number, as every message shows it.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // double.IsFinite is not in netstandard2.0.
    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static string Suffix(string? advice) => advice is null ? string.Empty : " " + advice;

    private static string Alternatives(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "a defined value",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1],
    };
}
