using System.CommandLine;
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
        var tolerance = CommandLineOptions.Fraction("--tolerance", 0.05, "Stop when ||r_t|| <= tolerance ||r_0|| (0 < tolerance < 1).");
        var maxSteps = CommandLineOptions.AtLeast("--max-steps", 20000, 1, "Step budget per network run; a run that hits it is reported as not converged (>= 1).");
        var seed = new Option<int>("--seed") { Description = "Seed of the data and the network initialisation.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for report.json and speedup.png.", DefaultValueFactory = _ => Path.Combine("results", "speedup-regimes") };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of progress bars (automatic when output is redirected)." };
        var activations = CommandLineOptions.Checked(
            new Option<string>("--activations") { Description = "Activations to compare, comma separated: relu, erf.", DefaultValueFactory = _ => "relu,erf" },
            text => ActivationFault(text ?? "") is { } fault
                ? $"--activations takes {string.Join(" and ", ActivationNames.Keys)} separated by commas (for example relu,erf), not '{text}': {fault}."
                : null);
        var learningRate = TrainingOptions.LearningRate();
        var onDivergence = TrainingOptions.OnDivergence();

        var command = new RootCommand(
            "Two speed-up regimes: on the circle, flattening the top 2D + 1 NTK eigenvalues speeds up learning cos(D theta) "
            + "polynomially in D for a ReLU network and exponentially for an Erf network; measured on the network where its width "
            + "resolves the degree and predicted by kernel theory at every degree.")
        {
            maxDegree, samples, width, tolerance, maxSteps, seed, output, plain, activations, learningRate, onDivergence,
        };
        CommandLineOptions.AddRule(command, values =>
        {
            var n = values.Get(samples);
            var k = Settings.Rank(values.Get(maxDegree));
            if (k > n)
            {
                values.AddError($"{values.Named(maxDegree)} flattens k = {k} eigenvalues, more than {values.Named(samples)}: "
                    + $"k counts eigenvalues of the n x n Gram matrix; give --samples {k} or more, or --max-degree {(n - 1) / 2} or less.");
            }
        });
        command.SetAction((parse, cancellation) => Task.FromResult(run(new Settings(
            parse.GetValue(maxDegree), parse.GetValue(samples), parse.GetValue(width), parse.GetValue(tolerance), parse.GetValue(maxSteps),
            parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(plain) || Console.IsOutputRedirected,
            ParseActivations(parse.GetValue(activations)!)!, parse.GetValue(learningRate), TrainingOptions.Policy(parse.GetValue(onDivergence)!)), cancellation)));
        return command;
    }

    /// <summary>The activations of a comma-separated list, each once (a name given twice counts once), or null when the list is malformed.</summary>
    internal static IReadOnlyList<Activation>? ParseActivations(string text) => ActivationFault(text) is null
        ? text.Split(',', StringSplitOptions.TrimEntries).Select(name => ActivationNames[name]).Distinct().ToArray()
        : null;

    /// <summary>What is wrong with an activation list, naming the item (an empty list or item, an unknown name); null when it is well formed.</summary>
    internal static string? ActivationFault(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the list is empty";
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                return $"item {i + 1} is empty";
            }

            if (!ActivationNames.ContainsKey(names[i]))
            {
                return $"'{names[i]}' is not an activation";
            }
        }

        return null;
    }
}
