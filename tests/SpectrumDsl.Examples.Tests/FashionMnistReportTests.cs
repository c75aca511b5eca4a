using System.Text.Json;
using FashionMnist;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Training;

namespace SpectrumDsl.Examples.Tests;

/// <summary>
/// FashionMnist's experiment and report.json, run in-process on tiny synthetic images (three well separated
/// classes, a few dozen points): every field the report promises is there and agrees with the curve it came from.
/// </summary>
public sealed class FashionMnistReportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fashion-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Three Gaussian clusters in 12 dimensions, class i around 3 e_i (every point far closer to its own centre).</summary>
    private static ClassData Clusters(int count, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => i % 3).ToArray();
        var features = Matrix<double>.Build.Dense(count, 12, (i, j) => (j == labels[i] ? 3.0 : 0.0) + 0.3 * (random.NextDouble() - 0.5));
        return new ClassData(features, labels, Enumerable.Range(0, 12).Select(j => $"x{j}").ToArray());
    }

    private (JsonElement Report, ExperimentResult Result) Run(Settings settings)
    {
        var data = FashionData.Prepare(Clusters(settings.Train, 1), Clusters(settings.Test, 2), settings.Components, settings.Bias);
        var result = new Experiment(settings, data).Run(_ => new Ignore(), _ => { }, CancellationToken.None);
        var path = Report.Write(Path.Combine(folder, "report.json"), settings, data, result);
        return (JsonDocument.Parse(File.ReadAllText(path)).RootElement, result);
    }

    private static Settings Tiny(TrainingPath path, int batchSize, int subsample) =>
        new(Train: 48, Test: 24, Width: 256, Depth: 1, Bias: 1.0, Rank: 6, Components: 4, Steps: 24, BatchSize: batchSize, Path: path,
            Subsample: subsample, EvaluateEvery: 2, Seed: 3, DataFolder: "unused", Output: "unused", Plain: true);

    [Fact]
    public void The_exact_full_batch_report_has_every_field_and_its_milestones_come_from_the_curve()
    {
        var (report, result) = Run(Tiny(TrainingPath.Exact, 0, 0));
        var settings = report.GetProperty("settings");
        Assert.Equal("exact", settings.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("subsample").ValueKind);
        Assert.Equal(6, settings.GetProperty("rank").GetInt32());
        Assert.Equal(0, settings.GetProperty("batchSize").GetInt32());
        Assert.Equal(4, settings.GetProperty("dimension").GetInt32());
        Assert.True(settings.GetProperty("setupSeconds").GetDouble() > 0);
        Assert.True(settings.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        var limits = report.GetProperty("kernelRegression");
        Assert.Equal("exact", limits.GetProperty("method").GetString());
        Assert.Equal(result.KernelRegression.FromInitialOutputAccuracy, limits.GetProperty("fromInitialOutputTestAccuracy").GetDouble());
        Assert.Equal(result.KernelRegression.FromZeroAccuracy, limits.GetProperty("fromZeroTestAccuracy").GetDouble());
        foreach (var name in new[] { "fromInitialOutputTestAccuracy", "fromZeroTestAccuracy" })
        {
            // Three separated clusters: both kernel predictors classify the test points.
            var accuracy = limits.GetProperty(name).GetDouble();
            Assert.True(accuracy > 0.9 && accuracy <= 1.0, $"kernel regression {name} {accuracy}");
        }

        var run = report.GetProperty("run");
        Assert.StartsWith("dotnet run -c Release --project examples/FashionMnist", run.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.True(run.GetProperty("machine").GetProperty("gemmGflops").GetDouble() > 0);
        Assert.True(run.GetProperty("machine").GetProperty("cores").GetInt32() >= 1);
        foreach (var name in new[] { "gd", "pgd" })
        {
            CheckRun(report.GetProperty(name), stepsPerPoint: 1.0);
        }

        var spectrum = report.GetProperty("spectrum");
        Assert.Equal(result.Pgd.Result.Preconditioner.ConditionRatio, spectrum.GetProperty("delta1OverDeltaK").GetDouble());
        Assert.InRange(spectrum.GetProperty("labelShareInTopK").GetDouble(), 0.0, 1.0);
        // Radius sqrt(d): x.x / d is 1 for every point.
        Assert.Equal(1.0, report.GetProperty("inputBalance").GetProperty("meanSelfProductOverD").GetDouble(), 12);
        Assert.Equal(3, report.GetProperty("pgdTestConfusion").GetArrayLength());
    }

    [Fact]
    public void The_nystrom_mini_batch_report_counts_epochs_by_batches()
    {
        var (report, result) = Run(Tiny(TrainingPath.Nystrom, batchSize: 16, subsample: 24));
        var settings = report.GetProperty("settings");
        Assert.Equal("nystrom", settings.GetProperty("path").GetString());
        Assert.Equal(24, settings.GetProperty("subsample").GetInt32());
        Assert.Equal(16, settings.GetProperty("batchSize").GetInt32());
        Assert.Equal("eigenpro", report.GetProperty("kernelRegression").GetProperty("method").GetString());
        Assert.InRange(report.GetProperty("kernelRegression").GetProperty("fromInitialOutputTestAccuracy").GetDouble(), 0.0, 1.0);
        Assert.Equal(TrainingPath.Nystrom, result.Gd.Result.Path);
        foreach (var name in new[] { "gd", "pgd" })
        {
            CheckRun(report.GetProperty(name), stepsPerPoint: 16.0 / 48.0);
        }
    }

    [Fact]
    public void The_per_class_plot_is_a_bar_per_run_and_class_named_by_the_class()
    {
        var (_, result) = Run(Tiny(TrainingPath.Exact, 0, 0));
        var (classes, bars) = Plots.PerClassBars([result.Gd, result.Pgd]);
        // The synthetic data have labels 0, 1 and 2: Fashion-MNIST's first three names.
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover"], classes);
        Assert.Equal(["GD", "PGD"], bars.Select(b => b.Label));
        Assert.Equal(result.Pgd.Result.TestClassification!.Recall, bars[1].Values);
        var path = Plots.PerClass(Path.Combine(folder, "per-class-accuracy.png"), [result.Gd, result.Pgd]);
        Assert.True(new FileInfo(path).Length > 10_000, "the PNG is nearly empty");
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "class 10"], Plots.ClassNames(11).Take(3).Append(Plots.ClassNames(11)[^1]));
    }

    /// <summary>The maps, accuracies and curve of one optimizer, checked against each other.</summary>
    private static void CheckRun(JsonElement run, double stepsPerPoint)
    {
        var curve = run.GetProperty("curve").EnumerateArray().ToArray();
        Assert.NotEmpty(curve);
        var accuracies = curve.Select(point => point.GetProperty("testAccuracy").GetDouble()).ToArray();
        Assert.All(accuracies, accuracy => Assert.InRange(accuracy, 0.0, 1.0));
        Assert.All(curve, point => Assert.True(point.GetProperty("seconds").GetDouble() >= 0 && point.GetProperty("trainLoss").GetDouble() >= 0));
        Assert.Equal(accuracies.Max(), run.GetProperty("bestTestAccuracy").GetDouble());
        Assert.Equal(accuracies[^1], run.GetProperty("finalTestAccuracy").GetDouble());
        Assert.Equal(curve[^1].GetProperty("trainLoss").GetDouble(), run.GetProperty("trainLoss").GetDouble());
        // The setup's parts are timed one after another inside the setup: named once each, and together within it.
        var phases = run.GetProperty("setupPhases").EnumerateArray().ToArray();
        var names = phases.Select(phase => phase.GetProperty("name").GetString()).ToArray();
        Assert.Contains("network operator (Lanczos)", names);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.True(phases.Sum(phase => phase.GetProperty("seconds").GetDouble()) <= run.GetProperty("setupSeconds").GetDouble());
        foreach (var key in new[] { "0.80", "0.85" })
        {
            var threshold = double.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            var first = curve.FirstOrDefault(point => point.GetProperty("testAccuracy").GetDouble() >= threshold);
            var steps = run.GetProperty("stepsToAccuracy").GetProperty(key);
            var epochs = run.GetProperty("epochsToAccuracy").GetProperty(key);
            var seconds = run.GetProperty("secondsToAccuracy").GetProperty(key);
            if (first.ValueKind == JsonValueKind.Undefined)
            {
                Assert.Equal(JsonValueKind.Null, steps.ValueKind);
                Assert.Equal(JsonValueKind.Null, epochs.ValueKind);
                Assert.Equal(JsonValueKind.Null, seconds.ValueKind);
                continue;
            }

            Assert.Equal(first.GetProperty("step").GetInt32(), steps.GetInt32());
            Assert.Equal(steps.GetInt32() * stepsPerPoint, epochs.GetDouble(), 12);
            Assert.Equal(first.GetProperty("seconds").GetDouble(), seconds.GetDouble());
        }
    }

    private sealed class Ignore : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
        }
    }
}
