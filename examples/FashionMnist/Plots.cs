using SpectrumDsl.Examples;

namespace FashionMnist;

/// <summary>The pictures: test accuracy against step and against wall time, and the per-class test accuracy.</summary>
internal static class Plots
{
    public static IReadOnlyList<string> Write(StagedFolder folder, ExperimentResult result)
    {
        var runs = new[] { result.Gd, result.Pgd };
        var kernel = result.KernelRegression;
        var lastStep = runs.Max(run => run.Curve[^1].Step) + 1.0;
        // Levels, not measured curves: dashed, without points.
        Series Limit(string name, double accuracy) => new($"NTK kernel regression {name} ({kernel.Method})", [1.0, lastStep], [accuracy, accuracy]) { Dashed = true, Markers = false };
        var limits = new[] { Limit("from the initial output", kernel.FromInitialOutputAccuracy), Limit("from zero", kernel.FromZeroAccuracy) };
        return
        [
            Charts.Lines(folder.File("test-accuracy.png"), "Fashion-MNIST test accuracy: GD vs PGD", "step + 1 (log scale)", "test accuracy",
                runs.Select(run => new Series(run.Name, run.Curve.Select(p => p.Step + 1.0).ToArray(), run.Curve.Select(p => p.TestAccuracy).ToArray())).Concat(limits),
                logX: true),
            Charts.Lines(folder.File("test-accuracy-time.png"), "Fashion-MNIST test accuracy against training time (setup excluded)", "seconds", "test accuracy",
                runs.Select(run => new Series(run.Name, run.Curve.Select(p => p.Seconds).ToArray(), run.Curve.Select(p => p.TestAccuracy).ToArray()))),
            PerClass(folder.File("per-class-accuracy.png"), runs),
        ];
    }

    /// <summary>per-class-accuracy.png: for each class, named under its group, GD's and PGD's test recall after the last step.</summary>
    public static string PerClass(string path, IReadOnlyList<RunSummary> runs)
    {
        var (classes, bars) = PerClassBars(runs);
        return Charts.Bars(path, "Fashion-MNIST test accuracy per class after the last step", "test accuracy in the class (recall)", classes, bars, (0, 1));
    }

    /// <summary>The class names and, per run with a test classification, its recall in every class.</summary>
    public static (IReadOnlyList<string> Classes, IReadOnlyList<BarSeries> Bars) PerClassBars(IReadOnlyList<RunSummary> runs)
    {
        var measured = runs.Where(run => run.Result.TestClassification is not null).ToArray();
        var classes = measured.Length == 0 ? 0 : measured.Max(run => run.Result.TestClassification!.Recall.Count);
        return (ClassNames(classes), measured.Select(run => new BarSeries(run.Name, run.Result.TestClassification!.Recall.ToArray())).ToArray());
    }

    /// <summary>The names of the first <paramref name="count"/> labels: Fashion-MNIST's, or "class i" beyond them.</summary>
    public static IReadOnlyList<string> ClassNames(int count) =>
        Enumerable.Range(0, count).Select(i => i < FashionData.ClassNames.Count ? FashionData.ClassNames[i] : $"class {i}").ToArray();
}
