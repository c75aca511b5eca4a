using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SpectrumDsl.Examples;

/// <summary>
/// Validated options shared by the examples: every error names the option, the value and the rule. An option
/// made here remembers its rule, so a rule between options (<see cref="AddRule"/>) is skipped when an option
/// it reads breaks its own: the user then reads about the value they typed, not about options they never gave.
/// </summary>
public static class CommandLineOptions
{
    private static readonly ConditionalWeakTable<Option, Func<object?, string?>> Rules = new();

    /// <summary>
    /// Gives <paramref name="option"/> the rule <paramref name="rule"/>: null for a valid value, otherwise the message
    /// (naming the option, the value and the rule). Returns the option.
    /// </summary>
    public static Option<T> Checked<T>(Option<T> option, Func<T, string?> rule)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(rule);
        option.Validators.Add(result =>
        {
            if (rule(result.GetValueOrDefault<T>()!) is { } message)
            {
                result.AddError(message);
            }
        });
        Rules.AddOrUpdate(option, value => value is T typed ? rule(typed) : null);
        return option;
    }

    /// <summary>The message of <paramref name="option"/>'s own rule for <paramref name="value"/>; null when it has no rule or the value keeps it.</summary>
    public static string? Broken(Option option, object? value) =>
        Rules.TryGetValue(option, out var rule) ? rule(value) : null;

    /// <summary>An integer option with a lower bound.</summary>
    public static Option<int> AtLeast(string name, int defaultValue, int minimum, string description) =>
        Checked(new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue },
            value => value < minimum ? $"{name} must be >= {minimum} but was {value}." : null);

    /// <summary>An integer option with lower and upper bounds (both inclusive).</summary>
    public static Option<int> Between(string name, int defaultValue, int minimum, int maximum, string description) =>
        Checked(new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue },
            value => value < minimum || value > maximum ? $"{name} must be between {minimum} and {maximum} but was {value}." : null);

    /// <summary>A finite number option that must be &gt;= 0.</summary>
    public static Option<double> NonNegative(string name, double defaultValue, string description) =>
        Checked(new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue },
            value => !(value >= 0) || !double.IsFinite(value) ? $"{name} must be a finite number >= 0 but was {Format(value)}." : null);

    /// <summary>A number option strictly between 0 and 1 (a relative tolerance).</summary>
    public static Option<double> Fraction(string name, double defaultValue, string description) =>
        Checked(new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue },
            value => !(value > 0 && value < 1) ? $"{name} must lie strictly between 0 and 1 but was {Format(value)}." : null);

    /// <summary>A word option taking one of <paramref name="choices"/> (compared ignoring case; the value keeps the user's spelling).</summary>
    public static Option<string> Choice(string name, string defaultValue, IReadOnlyList<string> choices, string description)
    {
        var option = Checked(new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue },
            value => choices.Contains(value, StringComparer.OrdinalIgnoreCase) ? null : $"{name} takes {Alternatives(choices)}, not '{value}'.");
        option.CompletionSources.Add(choices.ToArray());
        return option;
    }

    /// <summary>A comma-separated list of distinct integers, each at least <paramref name="minimum"/>.</summary>
    public static Option<string> IntegerList(string name, string defaultValue, int minimum, string description) =>
        Checked(new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue },
            text => ListFault(text ?? "", minimum) is { } fault
                ? $"{name} takes distinct integers >= {minimum} separated by commas (for example {defaultValue}), not '{text}': {fault}."
                : null);

    /// <summary>
    /// Adds a rule between options to <paramref name="command"/>. Use it instead of
    /// <c>command.Validators.Add</c>: the rule sees the defaults of options the user did not give
    /// (see <see cref="OptionValues"/>), and it is skipped when an option it reads does not convert or
    /// breaks its own rule, so only that option's message is shown.
    /// </summary>
    public static void AddRule(Command command, Action<OptionValues> rule)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(rule);
        command.Validators.Add(result =>
        {
            try
            {
                rule(new OptionValues(result));
            }
            catch (OptionValues.InvalidOptionException)
            {
                // Skipped: the option's own message names it and the value given.
            }
        });
    }

    /// <summary>The values of an <see cref="IntegerList"/> option, or null when the list is malformed (see <see cref="ListFault"/>).</summary>
    public static int[]? ParseIntegers(string text, int minimum) =>
        ListFault(text, minimum) is null ? text.Split(',').Select(part => int.Parse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray() : null;

    /// <summary>
    /// What is wrong with a comma-separated integer list, naming the item: an empty list or item ("1,,2", "1,2,"),
    /// an item that is not an integer, one below <paramref name="minimum"/>, or one given twice; null when it is well formed.
    /// </summary>
    public static string? ListFault(string text, int minimum)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the list is empty";
        }

        var parts = text.Split(',');
        var seen = new HashSet<int>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                return $"item {i + 1} is empty";
            }

            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return $"'{part}' is not an integer";
            }

            if (value < minimum)
            {
                return $"{value} is below {minimum}";
            }

            if (!seen.Add(value))
            {
                return $"{value} is given twice";
            }
        }

        return null;
    }

    /// <summary>"a, b or c".</summary>
    public static string Alternatives(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : string.Join(", ", choices.Take(choices.Count - 1)) + " or " + choices[^1];

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
