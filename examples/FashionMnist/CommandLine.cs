using System.CommandLine;
using SpectrumDsl.Examples;
using SpectrumDsl.Training;

namespace FashionMnist;

/// <summary>The options, their defaults (from the attribute-declared spectrum) and their validation.</summary>
internal static class CommandLine
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the four IDX files.</summary>
    public const string DebianDataFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Pixels per image (28 x 28).</summary>
    public const int Pixels = 784;

    public static RootCommand Build(Func<Settings, CancellationToken, int> run)
    {
        var defaults = TopKFlattened.TrainerConfig;
        var data = new Option<string>("--data")
        {
            Description = $"Folder with the four Fashion-MNIST IDX files (gzip or plain); the Debian package dataset-fashion-mnist installs them in {DebianDataFolder}.",
            DefaultValueFactory = _ => DebianDataFolder,
        };
        var train = CommandLineOptions.Between("--train", 10000, 2, FashionData.TrainImages, "Training images n, the first n of the 60 000 (2..60000).");
        var test = CommandLineOptions.Between("--test", 10000, 1, FashionData.TestImages, "Test images, the first of the 10 000 (1..10000).");
        var width = CommandLineOptions.AtLeast("--width", defaults.Width, 1, "Hidden-layer width m; wider networks follow kernel theory more closely (>= 1; 1024 on the Nystrom path unless given).");
        var depth = CommandLineOptions.AtLeast("--depth", defaults.Architecture.Depth, 1, "Hidden layers L (>= 1).");
        var bias = CommandLineOptions.NonNegative("--bias", defaults.Architecture.BiasScale, "Bias scale beta (>= 0; 0 = no bias).");
        var rank = CommandLineOptions.AtLeast("--rank", TopKFlattened.Spec.Rank, 1, "Eigenvalues k PGD flattens to lambda_k (>= 1).");
        var pca = CommandLineOptions.Between("--pca", 100, 0, Pixels,
            "Principal components of the centred pixels kept (0 = all 784); 100 keeps the classes apart and cuts every product by about 8.");
        var steps = CommandLineOptions.AtLeast("--steps", defaults.Steps, 1, "Step budget of each run (>= 1); give --steps or --epochs, not both (the Nystrom path takes 40 epochs unless one is given).");
        var epochs = CommandLineOptions.AtLeast("--epochs", 0, 0,
            "Step budget in passes over the training set: epochs x ceil(n / batch size) steps (a full-batch step is one epoch); 0 = use --steps.");
        var batch = CommandLineOptions.AtLeast("--batch-size", defaults.BatchSize, 0, "Points per step (0 = full batch; the Nystrom path takes min(n, 4000) unless given).");
        var path = CommandLineOptions.Choice("--path", "auto", ["auto", "exact", "nystrom"],
            $"auto: exact up to {TrainerConfig.ExactPathLimit} training points, Nystrom above; exact: the n x n Gram (8 n^2 bytes); nystrom: a subsample's eigenpairs, nothing n x n.");
        var subsample = CommandLineOptions.AtLeast("--subsample", defaults.Subsample, 0, "Nystrom subsample s (0 = min(n, 4000)); only on the Nystrom path.");
        var evaluateEvery = CommandLineOptions.AtLeast("--eval-every", 0, 0,
            "Steps between test-accuracy evaluations (0 = automatic: 100 over a full-batch budget, twice per epoch with mini-batches).");
        var seed = new Option<int>("--seed") { Description = "Seed of the network initialisation (the same for GD and PGD), the subsample and the batch order.", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<string>("--out") { Description = "Folder for report.json and the plots (replaced only when the run completes).", DefaultValueFactory = _ => Path.Combine("results", "fashion-mnist") };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines instead of progress bars (automatic when output is redirected)." };
        var learningRate = TrainingOptions.LearningRate();
        var onDivergence = TrainingOptions.OnDivergence();

        var command = new RootCommand(
            "Fashion-MNIST: trains a wide ReLU network with gradient descent (GD) and with preconditioned GD (PGD, top-k NTK eigenvalues "
            + "flattened) from the same initial network, and reports steps, epochs and seconds to 80 % and 85 % test accuracy against "
            + "NTK kernel regression on the same data.")
        {
            data, train, test, width, depth, bias, rank, pca, steps, epochs, batch, path, subsample, evaluateEvery, seed, output, plain,
            learningRate, onDivergence,
        };
        // Each rule names the options it compares as the user gave them or as their defaults ("the default --rank 100"),
        // and is skipped when one of them is itself invalid (--train -5 is reported alone).
        CommandLineOptions.AddRule(command, values =>
        {
            var n = values.Get(train);
            var k = values.Get(rank);
            var chosen = Resolve(values.Get(path)!, n);
            if (chosen == TrainingPath.Exact && k > n)
            {
                values.AddError($"{values.Named(rank)} exceeds {values.Named(train)}: k counts eigenvalues of the n x n Gram; give --rank {n} or less.");
            }

            var s = values.Get(subsample);
            if (s > n)
            {
                values.AddError($"{values.Named(subsample)} exceeds {values.Named(train)}: the subsample is drawn from the training images.");
            }
            else if (chosen == TrainingPath.Nystrom && k > SubsampleSize(s, n))
            {
                var size = values.IsGiven(subsample) ? $"s = {s}" : $"s = {SubsampleSize(s, n)} (min(n, 4000) when --subsample is not given)";
                values.AddError($"{values.Named(rank)} exceeds the Nystrom subsample {size}: k counts eigenvalues of the s x s Gram; raise --subsample or lower --rank.");
            }

            if (chosen == TrainingPath.Exact && s > 0)
            {
                values.AddError($"{values.Named(subsample)} applies to the Nystrom path only, but {values.Named(path)} with {values.Named(train)} takes the exact path; use --path nystrom.");
            }

            if (values.Get(batch) is var b && b > n)
            {
                values.AddError($"{values.Named(batch)} exceeds {values.Named(train)} (0 = full batch).");
            }

            if (values.Get(pca) is var p && p >= n)
            {
                values.AddError($"{values.Named(pca)} needs more than {p} training images ({values.Named(train)}): n centred points span at most n - 1 directions; give --pca {n - 1} or less (0 keeps all 784 pixels).");
            }

            if (values.IsGiven(steps) && values.IsGiven(epochs))
            {
                values.AddError("--steps and --epochs both set the step budget; give one of them.");
            }
        });
        command.SetAction((parse, cancellation) =>
        {
            var n = parse.GetValue(train);
            var chosen = Resolve(parse.GetValue(path)!, n);
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            // The declared defaults (width 2048, 300 full-batch steps) are sized for the exact path's 10 000 images; on the
            // Nystrom path options not given take ScaleDefaults, a mini-batch run sized for all 60 000 images.
            var scale = chosen == TrainingPath.Nystrom;
            var b = scale && !Given(batch) ? Math.Min(n, ScaleDefaults.BatchSize) : parse.GetValue(batch);
            var budget = scale && !Given(steps) && !Given(epochs)
                ? Budget.Steps(0, ScaleDefaults.Epochs, n, b)
                : Budget.Steps(parse.GetValue(steps), parse.GetValue(epochs), n, b);
            var m = scale && !Given(width) ? ScaleDefaults.Width : parse.GetValue(width);
            var every = parse.GetValue(evaluateEvery) is > 0 and var given ? given : Budget.EvaluateEvery(budget, n, b);
            return Task.FromResult(run(new Settings(
                n, parse.GetValue(test), m, parse.GetValue(depth), parse.GetValue(bias), parse.GetValue(rank),
                parse.GetValue(pca), budget, b, chosen, parse.GetValue(subsample), every, parse.GetValue(seed),
                parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(plain) || Console.IsOutputRedirected,
                parse.GetValue(learningRate), TrainingOptions.Policy(parse.GetValue(onDivergence)!)), cancellation));
        });
        return command;
    }

    /// <summary>The path a run takes: the trainer's Automatic rule resolved here so the report and the rules name it.</summary>
    public static TrainingPath Resolve(string path, int train) => path.ToLowerInvariant() switch
    {
        "exact" => TrainingPath.Exact,
        "nystrom" => TrainingPath.Nystrom,
        _ => train <= TrainerConfig.ExactPathLimit ? TrainingPath.Exact : TrainingPath.Nystrom,
    };

    /// <summary>
    /// What the Nystrom path takes for options not given: mini-batches of 4000 for 40 epochs at width 1024, so that
    /// --train 60000 alone is a full-size run of minutes, not hours, on two cores (docs/results/fashion-mnist-full.md).
    /// </summary>
    public static class ScaleDefaults
    {
        public const int BatchSize = 4000;
        public const int Epochs = 40;
        public const int Width = 1024;
    }

    /// <summary>s as the trainer takes it: 0 means min(n, 4000).</summary>
    public static int SubsampleSize(int subsample, int train) => subsample > 0 ? subsample : Math.Min(train, 4000);
}
