using SpectrumDsl.Kernels;

namespace SpectrumDsl.Training;

/// <summary>
/// Copy-and-update of <see cref="TrainerConfig"/> for languages that cannot write C#'s
/// <c>config with { P = value }</c> for a C# record (F#: the <c>trainer { }</c> builder of
/// SpectrumDsl.FSharp; Visual Basic). Each method is exactly that expression, so every other property,
/// including any added to <see cref="TrainerConfig"/> later, is carried over by the compiler; nothing
/// copies properties one by one (a hand-written copy silently drops a property added later).
/// The result is not validated; <see cref="TrainerConfig.Validate"/> and the trainer do that.
/// </summary>
/// <remarks>
/// Public rather than internal: the F# compiler inlines the builder's one-line members into the
/// caller's assembly, which could not call an internal method.
/// </remarks>
public static class TrainerConfigUpdate
{
    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Width"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Width(TrainerConfig config, int value) => config with { Width = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Architecture"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Architecture(TrainerConfig config, NetworkArchitecture value) => config with { Architecture = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Steps"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Steps(TrainerConfig config, int value) => config with { Steps = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.LearningRate"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig LearningRate(TrainerConfig config, double value) => config with { LearningRate = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Optimizer"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Optimizer(TrainerConfig config, Optimizer value) => config with { Optimizer = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Rank"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Rank(TrainerConfig config, int value) => config with { Rank = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Target"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Target(TrainerConfig config, SpectrumTarget value) => config with { Target = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.PreconditionerSource"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig PreconditionerSource(TrainerConfig config, PreconditionerSource value) => config with { PreconditionerSource = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Tolerance"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Tolerance(TrainerConfig config, double value) => config with { Tolerance = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Seed"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Seed(TrainerConfig config, int value) => config with { Seed = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.RecordInterval"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig RecordInterval(TrainerConfig config, int value) => config with { RecordInterval = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.BatchSize"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig BatchSize(TrainerConfig config, int value) => config with { BatchSize = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Momentum"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Momentum(TrainerConfig config, double value) => config with { Momentum = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.AllowUnstableLearningRate"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig AllowUnstableLearningRate(TrainerConfig config, bool value) => config with { AllowUnstableLearningRate = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.OnDivergence"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig OnDivergence(TrainerConfig config, DivergencePolicy value) => config with { OnDivergence = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.StopAtTrainAccuracy"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig StopAtTrainAccuracy(TrainerConfig config, double value) => config with { StopAtTrainAccuracy = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.StopAtTestAccuracy"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig StopAtTestAccuracy(TrainerConfig config, double value) => config with { StopAtTestAccuracy = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.ValidationFraction"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig ValidationFraction(TrainerConfig config, double value) => config with { ValidationFraction = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Patience"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Patience(TrainerConfig config, int value) => config with { Patience = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Path"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Path(TrainerConfig config, TrainingPath value) => config with { Path = value };

    /// <summary><paramref name="config"/> with <see cref="TrainerConfig.Subsample"/> = <paramref name="value"/>.</summary>
    /// <param name="config">The configuration to copy.</param>
    /// <param name="value">The new value.</param>
    public static TrainerConfig Subsample(TrainerConfig config, int value) => config with { Subsample = value };
}
