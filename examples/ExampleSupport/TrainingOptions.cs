using System.CommandLine;
using System.Globalization;
using SpectrumDsl.Training;

namespace SpectrumDsl.Examples;

/// <summary>
/// The options every training example shares for the step size and for divergence (TrainerConfig.LearningRate and
/// TrainerConfig.OnDivergence), and the command-line form of the advice the trainer gives when they are wrong.
/// </summary>
public static class TrainingOptions
{
    /// <summary>The words of <c>--on-divergence</c>, in the order of <see cref="DivergencePolicy"/>.</summary>
    public static readonly IReadOnlyList<string> Policies = ["recover", "throw"];

    /// <summary>--learning-rate: TrainerConfig.LearningRate of every run (0 = automatic).</summary>
    public static Option<double> LearningRate() => CommandLineOptions.NonNegative("--learning-rate", 0,
        "Step size eta of every run (>= 0; 0 = automatic, 1/lambda_max of the operator each optimizer steps with). "
        + "A fixed rate applies to GD and PGD alike and must lie below GD's stability bound; the error names it.");

    /// <summary>--on-divergence: TrainerConfig.OnDivergence.</summary>
    public static Option<string> OnDivergence() => CommandLineOptions.Choice("--on-divergence", Policies[0], Policies,
        "What a run does when its loss diverges: recover (continue from the best parameters with half the step) or throw (stop with an error).");

    /// <summary>The policy an <see cref="OnDivergence"/> value names.</summary>
    public static DivergencePolicy Policy(string text) =>
        string.Equals(text, Policies[1], StringComparison.OrdinalIgnoreCase) ? DivergencePolicy.Throw : DivergencePolicy.Recover;

    /// <summary>
    /// What to print when a run fails on its step size: the trainer's message and, below it, its advice in this
    /// command line's options. Null for any other exception.
    /// </summary>
    public static IReadOnlyList<string>? Explain(Exception error, DivergencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (error)
        {
            case TrainingDivergedException diverged when policy == DivergencePolicy.Throw:
                return [$"error: {diverged.Message}", $"On this command line: --on-divergence recover, or --learning-rate {Number(diverged.SuggestedLearningRate)}."];
            case TrainingDivergedException diverged:
                // Recovery already halved the step several times: the trainer's advice is about the data and the spectrum.
                return [$"error: {diverged.Message}"];
            case ArgumentException { ParamName: nameof(TrainerConfig.LearningRate) } rate:
                return [$"error: {rate.Message}", "On this command line: a smaller --learning-rate, or --learning-rate 0 for the automatic step."];
            default:
                return null;
        }
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
