using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SpectrumDsl.Examples;

/// <summary>
/// What a rule between options (<see cref="CommandLineOptions.AddRule"/>) reads: each option's value
/// as the command will run with it, the typed value or, for an option the user did not give, its default.
/// </summary>
/// <remarks>
/// System.CommandLine 2.0.0 runs a command's validators before it adds the default results of
/// options that were not given, so <see cref="SymbolResult.GetValue{T}(Option{T})"/> inside a
/// command validator returns default(T) (0, null) for them instead of their DefaultValueFactory's
/// value (dotnet/command-line-api#2841). This type asks the option for its default instead.
/// </remarks>
public sealed class OptionValues
{
    private readonly CommandResult result;

    internal OptionValues(CommandResult result) => this.result = result;

    /// <summary>
    /// The value given for <paramref name="option"/>, else its default (default(T) when it has none).
    /// When the given text does not convert to <typeparamref name="T"/>, or the value breaks the option's own
    /// rule (<see cref="CommandLineOptions.Checked"/>), the rule stops here and is skipped: the option's own
    /// message is the one the user needs.
    /// </summary>
    public T? Get<T>(Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (result.GetResult(option) is { } given)
        {
            T? value;
            try
            {
                value = given.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                // The parser reports the option's own conversion error after the rules have run.
                throw new InvalidOptionException();
            }

            return CommandLineOptions.Broken(option, value) is null ? value : throw new InvalidOptionException();
        }

        return option.HasDefaultValue ? (T?)option.GetDefaultValue() : default;
    }

    /// <summary>True when the user gave <paramref name="option"/> (false when it only has its default).</summary>
    public bool IsGiven(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return result.GetResult(option) is { Implicit: false };
    }

    /// <summary>
    /// The option and its value as a message should name them: "--rank 5" when the user gave it,
    /// "the default --rank 100" when not, so a broken rule never reads as if the user typed a value they did not.
    /// </summary>
    public string Named<T>(Option<T> option)
    {
        var value = Convert.ToString(Get(option), CultureInfo.InvariantCulture);
        return IsGiven(option) ? $"{option.Name} {value}" : $"the default {option.Name} {value}";
    }

    /// <summary>Reports a broken rule; the command does not run and the message is printed.</summary>
    public void AddError(string message) => result.AddError(message);

    /// <summary>A rule read an option whose text does not convert or whose value breaks its own rule; the rule is skipped.</summary>
    internal sealed class InvalidOptionException : Exception
    {
    }
}
