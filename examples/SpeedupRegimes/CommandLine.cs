using System.CommandLine;
using System.Globalization;
using SpectrumDsl.Examples;
using SpectrumDsl.Kernels;

namespace SpeedupRegimes;

/// <summary>The options, their defaults and their validation.</summary>
internal static class CommandLine
{
    /// <summary>The activations by their option names, in the order they are run.</summary>
    private static readonly IReadOnlyDictionary<string, Activation> ActivationNames =
        new Dictionary<string, Activation>(StringComparer.OrdinalIgnoreCase) { ["relu"] = Activation.Relu, ["erf"] = Activation.Erf };

    public static RootCommand Build(Func<Settings, CancellationToken, int> run)
    {
        var maxDegree = CommandLineOptions.AtLeast("--max-degree", 6, 1, "Highest degree D learned; degree D flattens the top 2D + 1 eigenvalues (>= 1).");
        var samples = CommandLineOptions.AtLeast("--samples", 64, 8, "Training points n, uniform on the circle (>= 8, and > 2 --max-degree + 1).");
        var width = CommandLineOptions.AtLeast("--width", 2048, 1, "Hidden-layer width m; networks are trained only at degrees this width resolves (>= 1).");
        var tolerance = new Option<double>("--tolerance") { Description = "Stop when ||r_t|| <= tolerance ||r_0|| (0 < tolerance < 1).", DefaultValueFactory = _ => 0.05 };
        tolerance.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value < 1))
            {
                result.AddError($"--tolerance must lie strictly between 0 and 1 but was {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        var maxSteps = CommandLineOptions.AtLeast("--max-steps", 20000, 1, "Step budget per network run; a run that hits it is reported as not converged (>= 1).");
        var seed = new Option<int>("--seed") { Description = "Seed of the data and the network initialisation.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for report.json and speedup.png.", DefaultValueFactory = _ => Path.Combine("results", "speedup-regimes") };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of progress bars (automatic when output is redirected)." };
        var activations = new Option<string>("--activations") { Description = "Activations to compare, comma separated: relu, erf.", DefaultValueFactory = _ => "relu,erf" };
        activations.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>() ?? "";
            if (ParseActivations(text) is null)
            {
                result.AddError($"--activations takes {string.Join(" and ", ActivationNames.Keys)} separated by commas (for example relu,erf), not '{text}'.");
            }
        });

        var command = new RootCommand(
            "Two speed-up regimes: on the circle, flattening the top 2D + 1 NTK eigenvalues speeds up learning cos(D theta) "
            + "polynomially in D for a ReLU network and exponentially for an Erf network; measured on the network where its width "
            + "resolves the degree and predicted by kernel theory at every degree.")
        {
            maxDegree, samples, width, tolerance, maxSteps, seed, output, plain, activations,
        };
        CommandLineOptions.AddRule(command, values =>
        {
            var n = values.Get(samples);
            var k = Settings.Rank(values.Get(maxDegree));
            if (k > n)
            {
                values.AddError($"--max-degree {values.Get(maxDegree)} flattens k = {k} eigenvalues, more than --samples {n}: "
                    + $"k counts eigenvalues of the n x n Gram matrix; give --samples {k} or more.");
            }
        });
        command.SetAction((parse, cancellation) => Task.FromResult(run(new Settings(
            parse.GetValue(maxDegree), parse.GetValue(samples), parse.GetValue(width), parse.GetValue(tolerance), parse.GetValue(maxSteps),
            parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(plain) || Console.IsOutputRedirected,
            ParseActivations(parse.GetValue(activations)!)!), cancellation)));
        return command;
    }

    /// <summary>The activations of a comma-separated list, each once, or null when a name is unknown or the list is empty.</summary>
    internal static IReadOnlyList<Activation>? ParseActivations(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || names.Any(name => !ActivationNames.ContainsKey(name)))
        {
            return null;
        }

        return names.Select(name => ActivationNames[name]).Distinct().ToArray();
    }
}
