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
        Series Limit(string name, double accuracy) => new($"NTK kernel regression {name} ({kernel.Method})", [1.0, lastStep], [accuracy, accuracy]);
        var limits = new[] { Limit("from the initial output", kernel.FromInitialOutputAccuracy), Limit("from zero", kernel.FromZeroAccuracy) };
        return
        [
            Charts.Lines(folder.File("test-accuracy.png"), "Fashion-MNIST test accuracy: GD vs PGD", "step + 1 (log10)", "test accuracy",
                runs.Select(run => new Series(run.Name, run.Curve.Select(p => p.Step + 1.0).ToArray(), run.Curve.Select(p => p.TestAccuracy).ToArray())).Concat(limits),
                logX: true),
            Charts.Lines(folder.File("test-accuracy-time.png"), "Fashion-MNIST test accuracy against training time (setup excluded)", "seconds", "test accuracy",
                runs.Select(run => new Series(run.Name, run.Curve.Select(p => p.Seconds).ToArray(), run.Curve.Select(p => p.TestAccuracy).ToArray()))),
            Charts.Lines(folder.File("per-class-accuracy.png"), "Test accuracy per class after the last step (0 T-shirt/top ... 9 Ankle boot)", "class", "recall",
                runs.Where(run => run.Result.TestClassification is not null).Select(run => new Series(run.Name,
                    run.Result.TestClassification!.Recall.Select((_, i) => (double)i).ToArray(), run.Result.TestClassification.Recall.ToArray()))),
        ];
    }
}
