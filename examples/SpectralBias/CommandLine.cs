using System.CommandLine;
using SpectrumDsl.Examples;

namespace SpectralBias;

/// <summary>The options, their defaults (from the attribute-declared spectrum) and their validation.</summary>
internal static class CommandLine
{
    public static RootCommand Build(Func<Settings, CancellationToken, int> run)
    {
        var defaults = FlattenedNtk.TrainerConfig;
        var dim = CommandLineOptions.AtLeast("--dim", 2, 2, "Dimension d of the input sphere S^(d-1) (>= 2).");
        var samples = CommandLineOptions.AtLeast("--samples", 128, 8, "Training points n, uniform on the sphere (>= 8).");
        var testPoints = CommandLineOptions.AtLeast("--test-points", 256, 1, "Test points for the test error and the GD/PGD predictor gap (>= 1).");
        var width = CommandLineOptions.AtLeast("--width", defaults.Width, 1, "Hidden-layer width m; wider networks follow kernel theory more closely (>= 1).");
        var depth = CommandLineOptions.AtLeast("--depth", defaults.Architecture.Depth, 1, "Hidden layers L (>= 1).");
        var bias = CommandLineOptions.NonNegative("--bias", defaults.Architecture.BiasScale, "Bias scale beta (>= 0; 0 = no bias).");
        var rank = CommandLineOptions.AtLeast("--rank", FlattenedNtk.Spec.Rank, 1, "Eigenvalues k flattened by PGD; choose k at a spectral gap (on the circle 2D + 1 covers degrees <= D).");
        var frequencies = CommandLineOptions.IntegerList("--frequencies", "1,2,3,4", 0, "Zonal-harmonic degrees to learn, comma separated.");
        var tolerance = CommandLineOptions.Fraction("--tolerance", defaults.Tolerance, "Stop when ||r_t|| <= tolerance ||r_0|| (0 < tolerance < 1).");
        var maxSteps = CommandLineOptions.AtLeast("--max-steps", defaults.Steps, 1, "Step budget per run; a run that hits it is reported as not converged (>= 1).");
        var seed = new Option<int>("--seed") { Description = "Seed of the data and the network initialisation.", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<string>("--out") { Description = "Folder for report.json and the plots.", DefaultValueFactory = _ => Path.Combine("results", "spectral-bias") };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of progress bars (automatic when output is redirected)." };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "Folder where every run saves its complete state every 500 steps and when interrupted (Ctrl+C), one file per frequency and optimizer.",
        };
        var resume = new Option<bool>("--resume") { Description = "Continue each run from its checkpoint in --checkpoint, if there is one (bit-identical to an uninterrupted run)." };
        var learningRate = TrainingOptions.LearningRate();
        var onDivergence = TrainingOptions.OnDivergence();
        var verbose = new Option<bool>("--verbose") { Description = "Also print how the dense eigendecompositions are computed (the LAPACK library and its reproducibility probe)." };

        var command = new RootCommand(
            "Spectral bias and its removal: trains a wide ReLU network with gradient descent (GD) and with preconditioned GD (PGD, "
            + "top-k NTK eigenvalues flattened) on zonal harmonics of increasing frequency, and compares step counts with kernel theory.")
        {
            dim, samples, testPoints, width, depth, bias, rank, frequencies, tolerance, maxSteps, seed, output, plain, checkpoint, resume,
            learningRate, onDivergence, verbose,
        };
        CommandLineOptions.AddRule(command, values =>
        {
            var n = values.Get(samples);
            var k = values.Get(rank);
            if (k > n)
            {
                values.AddError($"{values.Named(rank)} exceeds {values.Named(samples)}: k counts eigenvalues of the n x n Gram matrix; give --rank {n} or less, or --samples {k} or more.");
            }

            if (values.Get(resume) && string.IsNullOrWhiteSpace(values.Get(checkpoint)))
            {
                values.AddError("--resume needs --checkpoint <folder>: the folder the interrupted run saved its checkpoints in.");
            }
        });
        command.SetAction((parse, cancellation) => Task.FromResult(run(new Settings(
            parse.GetValue(dim), parse.GetValue(samples), parse.GetValue(testPoints), parse.GetValue(width), parse.GetValue(depth),
            parse.GetValue(bias), parse.GetValue(rank), CommandLineOptions.ParseIntegers(parse.GetValue(frequencies)!, 0)!, parse.GetValue(tolerance),
            parse.GetValue(maxSteps), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(plain) || Console.IsOutputRedirected,
            parse.GetValue(checkpoint), parse.GetValue(resume), LearningRate: parse.GetValue(learningRate),
            OnDivergence: TrainingOptions.Policy(parse.GetValue(onDivergence)!), Verbose: parse.GetValue(verbose)), cancellation)));
        return command;
    }
}
