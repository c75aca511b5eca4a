namespace FashionMnist;

/// <summary>The console table: milestones, accuracies, the kernel-regression limits and the speed-ups.</summary>
internal static class Summary
{
    public static void Print(Settings settings, ExperimentResult result)
    {
        Console.WriteLine();
        Console.WriteLine($"{"",4} {"steps to 80%",12} {"85%",6} {"epochs to 80%",13} {"85%",6} {"seconds to 80%",14} {"85%",6} {"best test",9} {"final test",10} {"train loss",10} {"setup s",7}");
        foreach (var run in new[] { result.Gd, result.Pgd })
        {
            var (a, b) = (run.Milestones[0], run.Milestones[1]);
            Console.WriteLine($"{run.Name,4} {Show(a.Step),12} {Show(b.Step),6} {Show(a.Epoch, "0.##"),13} {Show(b.Epoch, "0.##"),6} {Show(a.Seconds, "0.0"),14} {Show(b.Seconds, "0.0"),6} "
                + $"{run.BestTestAccuracy,9:0.0000} {run.FinalTestAccuracy,10:0.0000} {run.FinalTrainLoss,10:0.0000} {run.SetupSeconds,7:0.0}");
        }

        foreach (var run in new[] { result.Gd, result.Pgd })
        {
            Console.WriteLine($"{run.Name} setup: " + string.Join(", ", run.Result.SetupPhases.Where(phase => phase.Seconds >= 0.05).Select(phase => $"{phase.Name} {phase.Seconds:0.0} s")) + ".");
        }

        var kernel = result.KernelRegression;
        Console.WriteLine($"NTK kernel regression ({(kernel.Method == "exact" ? "exact solve" : $"EigenPro, {kernel.Epochs} epochs")}, {kernel.Seconds:0.0} s), test accuracy: "
            + $"{kernel.FromInitialOutputAccuracy:0.0000} from the networks' initial output (the limit GD and PGD converge to), {kernel.FromZeroAccuracy:0.0000} from zero.");
        Console.WriteLine("'-': not reached within the budget. Seconds count training only (setup excluded).");
        var info = result.Pgd.Result.Preconditioner;
        Console.WriteLine();
        Console.WriteLine($"delta_1 / delta_k = {info.ConditionRatio:0.#}: kernel theory's speed-up along the k-th eigendirection (less inside); the labels' share in the top k is {info.TargetShareInTopK:0.000}.");
        Console.WriteLine($"PGD's step is {result.Pgd.Result.StepSize / result.Gd.Result.StepSize:0.#} times GD's: the network's own operator allows {info.RealisableSpeedupShare:P0} of kernel theory's "
            + (settings.PointsPerStep < settings.Train ? "(mini-batch GD steps with its larger batch operator)." : "ratio."));
        for (var i = 0; i < RunSummary.Thresholds.Count; i++)
        {
            var threshold = RunSummary.Thresholds[i];
            var measured = Report.Speedup(result, i) is double s ? $"{s:0.#}x"
                : result.Pgd.Milestones[i].Step is int p && p > 0 ? $"> {settings.Steps / (double)p:0.#}x (GD did not reach it)" : "-";
            Console.WriteLine($"Steps to {threshold:P0} test accuracy, GD / PGD: {measured}.");
        }

        foreach (var warning in result.Gd.Result.Warnings.Concat(result.Pgd.Result.Warnings).Distinct())
        {
            Console.WriteLine($"warning: {warning}");
        }
    }

    private static string Show(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    private static string Show(double? value, string format) => value?.ToString(format, System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
