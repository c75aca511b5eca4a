using System.CommandLine;
using System.Globalization;

namespace SpectrumDsl.Examples;

/// <summary>Validated options shared by the examples: every error names the option, the value and the rule.</summary>
public static class CommandLineOptions
{
    /// <summary>An integer option with a lower bound.</summary>
    public static Option<int> AtLeast(string name, int defaultValue, int minimum, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum)
            {
                result.AddError($"{name} must be >= {minimum} but was {value}.");
            }
        });
        return option;
    }

    /// <summary>An integer option with lower and upper bounds (both inclusive).</summary>
    public static Option<int> Between(string name, int defaultValue, int minimum, int maximum, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum || value > maximum)
            {
                result.AddError($"{name} must be between {minimum} and {maximum} but was {value}.");
            }
        });
        return option;
    }

    /// <summary>A finite number option that must be &gt;= 0.</summary>
    public static Option<double> NonNegative(string name, double defaultValue, string description)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value >= 0) || !double.IsFinite(value))
            {
                result.AddError($"{name} must be a finite number >= 0 but was {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        return option;
    }

    /// <summary>A comma-separated list of integers, each at least <paramref name="minimum"/>.</summary>
    public static Option<string> IntegerList(string name, string defaultValue, int minimum, string description)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>() ?? "";
            if (ParseIntegers(text, minimum) is null)
            {
                result.AddError($"{name} takes integers >= {minimum} separated by commas (for example {defaultValue}), not '{text}'.");
            }
        });
        return option;
    }

    /// <summary>
    /// Adds a rule between options to <paramref name="command"/>. Use it instead of
    /// <c>command.Validators.Add</c>: the rule sees the defaults of options the user did not give
    /// (see <see cref="OptionValues"/>), and it is skipped when an option it reads does not convert,
    /// so the parser's own message for that option is shown.
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
            catch (OptionValues.UnconvertibleOptionException)
            {
                // Skipped: the parser names the option whose text does not convert.
            }
        });
    }

    /// <summary>The values of an <see cref="IntegerList"/> option, or null when one is not an integer &gt;= <paramref name="minimum"/>.</summary>
    public static int[]? ParseIntegers(string text, int minimum)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = parts.Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : int.MinValue).ToArray();
        return values.Length == 0 || values.Any(value => value < minimum) ? null : values;
    }
}
