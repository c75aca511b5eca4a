using SpectrumDsl.Training;
using SpectrumDsl.Validation;

namespace SpectrumDsl;

/// <summary>
/// Adds a trainer for a wide network (requires <see cref="ReluNtkAttribute"/> or <see cref="ErfNtkAttribute"/>, whose
/// activation, depth and bias scale the network shares). The generator emits <c>TrainerConfig</c> and <c>CreateTrainer()</c>.
/// Every <see cref="TrainerConfig"/> property can be set here, by the same name, except the ones
/// other attributes give (the architecture from the kernel attribute, rank and target from
/// <see cref="ModifiedSpectrumAttribute"/>). Only the properties set here are copied into the emitted
/// configuration; every other one keeps the <see cref="TrainerConfig"/> default, which is also the
/// initial value below (both come from one source, SettingRules). The generator checks the same
/// rules as <see cref="TrainerConfig.Validate"/> and reports a violation at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WideNetworkTrainerAttribute : Attribute
{
    /// <summary>Hidden-layer width; at least 1 (see <see cref="TrainerConfig.Width"/>).</summary>
    public int Width { get; set; } = SettingRules.DefaultWidth;

    /// <summary>Number of gradient steps; at least 1 (see <see cref="TrainerConfig.Steps"/>).</summary>
    public int Steps { get; set; } = SettingRules.DefaultSteps;

    /// <summary>Learning rate; 0 chooses it automatically from the spectrum. Never negative (see <see cref="TrainerConfig.LearningRate"/>).</summary>
    public double LearningRate { get; set; } = SettingRules.DefaultLearningRate;

    /// <summary>Plain or preconditioned gradient descent (see <see cref="TrainerConfig.Optimizer"/>).</summary>
    public Optimizer Optimizer { get; set; } = Enum.Parse<Optimizer>(SettingRules.DefaultOptimizer);

    /// <summary>The Gram matrix the preconditioner and the automatic step come from (see <see cref="TrainerConfig.PreconditionerSource"/>).</summary>
    public PreconditionerSource PreconditionerSource { get; set; } = Enum.Parse<PreconditionerSource>(SettingRules.DefaultPreconditionerSource);

    /// <summary>
    /// Stop when the training residual falls below this fraction of the initial residual; strictly
    /// between 0 and 1 (see <see cref="TrainerConfig.Tolerance"/>).
    /// </summary>
    public double Tolerance { get; set; } = SettingRules.DefaultTolerance;

    /// <summary>Seed of the weight initialisation and of the mini-batch order (see <see cref="TrainerConfig.Seed"/>).</summary>
    public int Seed { get; set; } = SettingRules.DefaultSeed;

    /// <summary>A training record is kept every this many steps; at least 1 (see <see cref="TrainerConfig.RecordInterval"/>).</summary>
    public int RecordInterval { get; set; } = SettingRules.DefaultRecordInterval;

    /// <summary>Points per step; 0 means full batch, never negative (see <see cref="TrainerConfig.BatchSize"/>).</summary>
    public int BatchSize { get; set; } = SettingRules.DefaultBatchSize;

    /// <summary>Heavy-ball momentum: 0 none, a mu in (0, 1), or -1 (<see cref="TrainerConfig.AutomaticMomentum"/>) automatic (see <see cref="TrainerConfig.Momentum"/>).</summary>
    public double Momentum { get; set; } = SettingRules.DefaultMomentum;

    /// <summary>Lets an explicit learning rate above the stability bound through (see <see cref="TrainerConfig.AllowUnstableLearningRate"/>).</summary>
    public bool AllowUnstableLearningRate { get; set; } = SettingRules.DefaultAllowUnstableLearningRate;

    /// <summary>Recover from divergence with a smaller step, or throw (see <see cref="TrainerConfig.OnDivergence"/>).</summary>
    public DivergencePolicy OnDivergence { get; set; } = Enum.Parse<DivergencePolicy>(SettingRules.DefaultOnDivergence);

    /// <summary>Exact or Nystrom eigenpairs, or chosen by the training-set size (see <see cref="TrainerConfig.Path"/>).</summary>
    public TrainingPath Path { get; set; } = Enum.Parse<TrainingPath>(SettingRules.DefaultPath);

    /// <summary>Nystrom subsample size; 0 chooses it (see <see cref="TrainerConfig.Subsample"/>).</summary>
    public int Subsample { get; set; } = SettingRules.DefaultSubsample;

    /// <summary>Classification stops at this training accuracy; 0 never (see <see cref="TrainerConfig.StopAtTrainAccuracy"/>).</summary>
    public double StopAtTrainAccuracy { get; set; } = SettingRules.DefaultStopAtTrainAccuracy;

    /// <summary>Classification stops at this test accuracy; 0 never (see <see cref="TrainerConfig.StopAtTestAccuracy"/>).</summary>
    public double StopAtTestAccuracy { get; set; } = SettingRules.DefaultStopAtTestAccuracy;

    /// <summary>Share of the training points held out for validation and early stopping; 0 none (see <see cref="TrainerConfig.ValidationFraction"/>).</summary>
    public double ValidationFraction { get; set; } = SettingRules.DefaultValidationFraction;

    /// <summary>Records without a lower validation loss before stopping; 0 never stops early (see <see cref="TrainerConfig.Patience"/>).</summary>
    public int Patience { get; set; } = SettingRules.DefaultPatience;
}
