using System.CommandLine;
using FashionMnist;
using SpectrumDsl.Training;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// FashionMnist's options: the declared defaults, how --steps, --epochs and --batch-size give the budget,
/// every rule between options (checked against the defaults of options not given) and bad values.
/// </summary>
public class FashionMnistCommandLineTests
{
    private static (ParseResult Parse, Settings? Settings) Parse(string arguments)
    {
        Settings? settings = null;
        var command = FashionMnist.CommandLine.Build((given, _) =>
        {
            settings = given;
            return 0;
        });
        var parse = command.Parse(arguments);
        if (parse.Errors.Count == 0)
        {
            Assert.Equal(0, parse.Invoke());
        }

        return (parse, settings);
    }

    private static string Errors(ParseResult parse) => string.Join(" | ", parse.Errors.Select(error => error.Message));

    private static void Refused(string arguments, string message)
    {
        var (parse, settings) = Parse(arguments);
        Assert.Null(settings);
        Assert.Contains(message, Errors(parse));
    }

    [Fact]
    public void No_options_give_the_declared_defaults_on_the_exact_path()
    {
        var (parse, settings) = Parse("");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal(10000, settings!.Train);
        Assert.Equal(10000, settings.Test);
        Assert.Equal(TopKFlattened.TrainerConfig.Width, settings.Width);
        Assert.Equal(TopKFlattened.Spec.Rank, settings.Rank);
        Assert.Equal(TopKFlattened.TrainerConfig.Steps, settings.Steps);
        Assert.Equal(TopKFlattened.TrainerConfig.Architecture.Depth, settings.Depth);
        Assert.Equal(100, settings.Components);
        Assert.Equal(0, settings.BatchSize);
        Assert.Equal(TrainingPath.Exact, settings.Path);
        Assert.Equal(0, settings.Subsample);
        Assert.Equal(FashionMnist.CommandLine.DebianDataFolder, settings.DataFolder);
        Assert.Equal(Path.Combine("results", "fashion-mnist"), settings.Output);
        // About 100 evaluations over the full-batch budget.
        Assert.Equal(TopKFlattened.TrainerConfig.Steps / 100, settings.EvaluateEvery);
    }

    [Fact]
    public void Epochs_with_mini_batches_give_epochs_times_the_batches_per_epoch_and_two_evaluations_per_epoch()
    {
        var (parse, settings) = Parse("--train 60000 --batch-size 4000 --epochs 20");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal(15, settings!.StepsPerEpoch);
        Assert.Equal(20 * 15, settings.Steps);
        Assert.Equal(7, settings.EvaluateEvery);
        Assert.Equal(TrainingPath.Nystrom, settings.Path);
        Assert.Equal(2.0, settings.Epochs(30));
    }

    [Fact]
    public void The_Nystrom_path_takes_the_scale_defaults_for_options_not_given()
    {
        // All 60 000 images with nothing else: batches of 4000 for 40 epochs at width 1024 (the measured minutes-long
        // run), not the declared 300 full-batch steps at width 2048.
        var (parse, settings) = Parse("--train 60000");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal(TrainingPath.Nystrom, settings!.Path);
        Assert.Equal(FashionMnist.CommandLine.ScaleDefaults.BatchSize, settings.BatchSize);
        Assert.Equal(FashionMnist.CommandLine.ScaleDefaults.Width, settings.Width);
        Assert.Equal(FashionMnist.CommandLine.ScaleDefaults.Epochs * 15, settings.Steps);
        Assert.Equal(TopKFlattened.Spec.Rank, settings.Rank);
        // Given options win, each on its own; the exact path keeps the declared defaults.
        var (_, given) = Parse("--train 60000 --batch-size 6000 --steps 7 --width 512");
        Assert.Equal((6000, 7, 512), (given!.BatchSize, given.Steps, given.Width));
        var (_, epochs) = Parse("--train 60000 --epochs 2");
        Assert.Equal(2 * 15, epochs!.Steps);
        var (_, exact) = Parse("--train 60000 --path exact");
        Assert.Equal((0, TopKFlattened.TrainerConfig.Width, TopKFlattened.TrainerConfig.Steps), (exact!.BatchSize, exact.Width, exact.Steps));
    }

    [Fact]
    public void A_batch_that_does_not_divide_n_still_counts_whole_epochs()
    {
        var (_, settings) = Parse("--train 1000 --batch-size 300 --epochs 3 --eval-every 5 --rank 10");
        Assert.Equal(4, settings!.StepsPerEpoch);
        Assert.Equal(12, settings.Steps);
        Assert.Equal(5, settings.EvaluateEvery);
    }

    [Fact]
    public void Full_batch_epochs_are_steps()
    {
        var (_, settings) = Parse("--train 2000 --epochs 50");
        Assert.Equal(50, settings!.Steps);
        Assert.Equal(50.0, settings.Epochs(50));
    }

    [Theory]
    [InlineData("auto", 10000, TrainingPath.Exact)]
    [InlineData("auto", 10001, TrainingPath.Nystrom)]
    [InlineData("exact", 20000, TrainingPath.Exact)]
    [InlineData("nystrom", 2000, TrainingPath.Nystrom)]
    public void The_path_is_resolved_by_the_trainers_rule(string path, int train, TrainingPath expected)
    {
        var (parse, settings) = Parse($"--path {path} --train {train}");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal(expected, settings!.Path);
    }

    [Fact]
    public void A_training_set_below_the_default_rank_is_refused_on_the_exact_path_saying_the_rank_is_the_default() =>
        Refused("--train 50", "the default --rank 100 exceeds --train 50: k counts eigenvalues of the n x n Gram; give --rank 50 or less.");

    [Fact]
    public void A_rank_above_the_nystrom_subsample_is_refused() =>
        Refused("--train 20000 --subsample 50", "the default --rank 100 exceeds the Nystrom subsample s = 50");

    [Fact]
    public void The_default_subsample_bounds_the_rank_on_the_nystrom_path() =>
        Refused("--path nystrom --train 3000 --rank 3001", "--rank 3001 exceeds the Nystrom subsample s = 3000 (min(n, 4000) when --subsample is not given)");

    [Theory]
    [InlineData("--train -5", "--train must be between 2 and 60000 but was -5.")]
    [InlineData("--train 1", "--train must be between 2 and 60000 but was 1.")]
    [InlineData("--train 70000 --subsample 65000", "--train must be between 2 and 60000 but was 70000.")]
    [InlineData("--path fast --train 50", "--path takes auto, exact or nystrom, not 'fast'.")]
    [InlineData("--train 2000 --batch-size -3", "--batch-size must be >= 0 but was -3.")]
    [InlineData("--train 2000 --rank 0 --path nystrom --subsample 10", "--rank must be >= 1 but was 0.")]
    public void An_invalid_option_is_the_only_one_named(string arguments, string message)
    {
        // Before, --train -5 also blamed --rank, --subsample and --batch-size, which the user never gave: every rule
        // between options compared their defaults with -5.
        var (parse, settings) = Parse(arguments);
        Assert.Null(settings);
        Assert.Equal([message], parse.Errors.Select(error => error.Message));
    }

    [Fact]
    public void The_learning_rate_and_the_divergence_policy_reach_both_runs()
    {
        var (parse, settings) = Parse("--learning-rate 0.25 --on-divergence THROW");
        Assert.True(parse.Errors.Count == 0, Errors(parse));
        Assert.Equal((0.25, DivergencePolicy.Throw), (settings!.LearningRate, settings.OnDivergence));
        var data = FashionData.Prepare(
            new SpectrumDsl.Data.ClassData(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(4, 3, (i, j) => i + j), [0, 1, 0, 1], ["a", "b", "c"]),
            new SpectrumDsl.Data.ClassData(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 3, (i, j) => i - j), [0, 1], ["a", "b", "c"]), 0, 1.0);
        var config = new Experiment(settings, data).BaseConfig;
        Assert.Equal((0.25, DivergencePolicy.Throw), (config.LearningRate, config.OnDivergence));
        var (_, defaults) = Parse("");
        Assert.Equal((0.0, DivergencePolicy.Recover), (defaults!.LearningRate, defaults.OnDivergence));
    }

    [Fact]
    public void A_subsample_above_the_training_set_is_refused() =>
        Refused("--path nystrom --train 2000 --subsample 3000", "--subsample 3000 exceeds --train 2000");

    [Fact]
    public void A_subsample_on_the_exact_path_is_refused() =>
        Refused("--subsample 1000", "--subsample 1000 applies to the Nystrom path only, but the default --path auto with the default --train 10000 takes the exact path");

    [Fact]
    public void A_batch_above_the_training_set_is_refused() =>
        Refused("--train 2000 --batch-size 3000", "--batch-size 3000 exceeds --train 2000");

    [Fact]
    public void More_components_than_centred_points_span_are_refused() =>
        Refused("--train 100 --rank 10 --pca 100", "--pca 100 needs more than 100 training images (--train 100)");

    [Fact]
    public void Steps_and_epochs_together_are_refused() =>
        Refused("--steps 100 --epochs 3", "--steps and --epochs both set the step budget; give one of them.");

    [Theory]
    [InlineData("--train 1 --rank 1 --pca 0", "--train must be between 2 and 60000 but was 1.")]
    [InlineData("--train 70000", "--train must be between 2 and 60000 but was 70000.")]
    [InlineData("--test 0", "--test must be between 1 and 10000 but was 0.")]
    [InlineData("--test 10001", "--test must be between 1 and 10000 but was 10001.")]
    [InlineData("--pca 785", "--pca must be between 0 and 784 but was 785.")]
    [InlineData("--width 0", "--width must be >= 1 but was 0.")]
    [InlineData("--rank 0", "--rank must be >= 1 but was 0.")]
    [InlineData("--steps 0", "--steps must be >= 1 but was 0.")]
    [InlineData("--epochs -1", "--epochs must be >= 0 but was -1.")]
    [InlineData("--batch-size -1", "--batch-size must be >= 0 but was -1.")]
    [InlineData("--bias -1", "--bias must be a finite number >= 0 but was -1.")]
    [InlineData("--path fast", "--path takes auto, exact or nystrom, not 'fast'.")]
    [InlineData("--learning-rate -0.1", "--learning-rate must be a finite number >= 0 but was -0.1.")]
    [InlineData("--on-divergence ignore", "--on-divergence takes recover or throw, not 'ignore'.")]
    [InlineData("--train abc", "Cannot parse argument 'abc' for option '--train'")]
    public void Bad_values_are_refused_naming_the_option_the_value_and_the_rule(string arguments, string message) =>
        Refused(arguments, message);

    [Fact]
    public void Missing_data_names_the_debian_package_and_the_option()
    {
        var message = FashionData.Missing(Path.Combine(Path.GetTempPath(), "no-such-fashion-mnist-folder"));
        Assert.NotNull(message);
        Assert.Contains("dataset-fashion-mnist", message);
        Assert.Contains("--data", message);
        Assert.Contains("train-images-idx3-ubyte.gz", message);
    }
}
