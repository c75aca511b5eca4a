using System.Globalization;

namespace ResultsPages;

/// <summary>examples/FashionMnist: GD against PGD on real images, against NTK kernel regression from the initial output and from zero.</summary>
internal static class FashionMnistPage
{
    private static readonly string[] Thresholds = ["0.80", "0.85"];

    public static string Body(Report report, Page page)
    {
        var s = report["settings"];
        var train = s["train"].Integer;
        var batch = s["batchSize"].Integer;
        var miniBatch = batch > 0 && batch < train;
        var prefix = miniBatch ? "mini-batch " : "";
        var pixels = s["pca"].Integer > 0 ? $"projected on the top {s["pca"].Integer} principal directions (d = {s["dimension"].Integer})" : $"all {s["dimension"].Integer} pixels";
        var text = $"n = {train} training and {s["test"].Integer} test images, centred, {pixels}, on the sphere of radius sqrt(d). "
            + $"ReLU network, depth {s["depth"].Integer}, bias {Format.Number(s["bias"].Number, "0.##")}, width {s["width"].Integer}, seed {s["seed"].Integer}, "
            + $"10 outputs on centred one-hot targets; GD and PGD start from the same network. PGD flattens the top k = {s["rank"].Integer} eigenvalues. "
            + $"{Path(s)}; " + (miniBatch ? $"batches of {batch} ({s["stepsPerEpoch"].Integer} steps per epoch)" : "full batch (a step is an epoch)")
            + $", {s["steps"].Integer} steps, test accuracy every {s["evaluateEvery"].Integer}. Seconds count training only; setup is shown apart.\n\n";

        text += "## Steps, epochs and seconds to 80 % and 85 % test accuracy\n\n"
            + Format.Table(["run", "steps to 80 %", "steps to 85 %", "epochs to 80 %", "epochs to 85 %", "seconds to 80 %", "seconds to 85 %", "best test", "final test", "train loss", "setup (s)"],
                new[] { ("GD", report["gd"]), ("PGD", report["pgd"]) }.Select(run => Row(prefix + run.Item1, run.Item2, s["steps"].Integer)))
            + "\n'never (N)': not reached within the N-step budget.\n\n";

        var limits = report["kernelRegression"];
        var method = limits["method"].Text == "exact"
            ? "an exact solve on the n x n Gram"
            : $"EigenPro ({limits["epochs"].Integer} epochs, rank {s["rank"].Integer}, subsample {Format.Integer(s["subsample"].IntegerOrNull)}), matrix-free";
        text += "## Against NTK kernel regression\n\n"
            + "Both predictors use the analytic NTK K of the architecture and come from one fit "
            + $"({method}, {Format.Duration(limits["seconds"].Number)} for both).\n\n"
            + Format.Table(["predictor", "test accuracy"],
            [
                ["NTK kernel regression from the networks' initial output, f_0(x) + K(x, X) K^-1 (Y - f_0(X)): the limit GD and PGD converge to", Format.Fraction(limits["fromInitialOutputTestAccuracy"].Number)],
                ["NTK kernel regression from zero, K(x, X) K^-1 Y: the kernel interpolant without the initial network", Format.Fraction(limits["fromZeroTestAccuracy"].Number)],
                [$"{prefix}PGD, best within its budget", Format.Fraction(report["pgd"]["bestTestAccuracy"].Number)],
                [$"{prefix}GD, best within its budget", Format.Fraction(report["gd"]["bestTestAccuracy"].Number)],
            ])
            + "\n" + page.Image("test-accuracy.png", "Test accuracy against step, GD and PGD, with both kernel limits") + "\n";

        var spectrum = report["spectrum"];
        text += "## Step sizes and spectrum\n\n"
            + $"delta_1 / delta_k = {Format.Number(spectrum["delta1OverDeltaK"].Number, "0.#")}: kernel theory lets PGD step that many times further than GD. "
            + $"PGD's step is {Format.Number(spectrum["stepSizeRatio"].Number, "0.#")} times GD's (GD {Format.Number(report["gd"]["stepSize"].Number, "0.###e+0")}, "
            + $"PGD {Format.Number(report["pgd"]["stepSize"].Number, "0.###e+0")}): the network's own operator realises {Format.Number(100 * spectrum["realisableSpeedupShare"].Number, "0")} % "
            + $"of kernel theory's ratio. The labels' share of energy in the top k is {Format.Number(spectrum["labelShareInTopK"].Number, "0.00")}. "
            + $"Input balance: x.x / d = {Format.Number(report["inputBalance"]["meanSelfProductOverD"].Number, "0.00")} on the diagonal, "
            + $"mean |x.z| / d = {Format.Number(report["inputBalance"]["meanAbsCrossProductOverD"].Number, "0.00")} off it, "
            + $"against beta^2 = {Format.Number(report["inputBalance"]["biasSquared"].Number, "0.##")}.\n\n";

        text += "## Setup and memory\n\n" + SetupTable(report["gd"]["setupPhases"], report["pgd"]["setupPhases"], prefix)
            + $"\nPeak working set of the process (both runs and the kernel fit, collected between phases): "
            + $"{Format.Number(s["peakWorkingSetBytes"].Integer / 1e9, "0.00")} GB. Dense eigendecomposition: {s["eigenBackend"].Text}.\n\n"
            + page.Image("test-accuracy-time.png", "Test accuracy against training time (setup excluded)");

        var warnings = report["gd"]["warnings"].Items.Concat(report["pgd"]["warnings"].Items).Select(w => w.Text).Distinct().ToArray();
        text += "\n" + (warnings.Length == 0 ? "The trainer gave no warning.\n" : "Warnings:\n\n" + string.Concat(warnings.Select(w => $"* {w}\n")));
        return text;
    }

    private static string Path(Report settings) => settings["path"].Text == "exact"
        ? "Exact path (the n x n Gram)"
        : $"Nystrom path (subsample s = {Format.Integer(settings["subsample"].IntegerOrNull)}, nothing n x n)";

    private static IReadOnlyList<string> Row(string name, Report run, long budget)
    {
        string Never(Report value, Func<Report, string> show) => value.IsNull ? $"never ({budget})" : show(value);
        var cells = new List<string> { name };
        cells.AddRange(Thresholds.Select(t => Never(run["stepsToAccuracy"][t], v => Format.Integer(v.Integer))));
        cells.AddRange(Thresholds.Select(t => Never(run["epochsToAccuracy"][t], v => Format.Number(v.Number, "0.#"))));
        cells.AddRange(Thresholds.Select(t => run["secondsToAccuracy"][t].IsNull ? Format.None : Format.Number(run["secondsToAccuracy"][t].Number, "0.0")));
        cells.Add(Format.Fraction(run["bestTestAccuracy"].Number));
        cells.Add(Format.Fraction(run["finalTestAccuracy"].Number));
        cells.Add(Format.Number(run["trainLoss"].Number, "0.000"));
        cells.Add(Format.Number(run["setupSeconds"].Number, "0.0"));
        return cells;
    }

    private static string SetupTable(Report gd, Report pgd, string prefix)
    {
        var gdPhases = gd.Items.ToDictionary(p => p["name"].Text, p => p["seconds"].Number);
        var pgdPhases = pgd.Items.ToDictionary(p => p["name"].Text, p => p["seconds"].Number);
        var names = gdPhases.Keys.Concat(pgdPhases.Keys).Distinct();
        return Format.Table(["setup part", $"{prefix}GD (s)", $"{prefix}PGD (s)"], names.Select(name => (IReadOnlyList<string>)
        [
            name,
            gdPhases.TryGetValue(name, out var a) ? Format.Number(a, "0.0") : Format.None,
            pgdPhases.TryGetValue(name, out var b) ? Format.Number(b, "0.0") : Format.None,
        ]));
    }

    /// <summary>PGD's steps (epochs with mini-batches) to 85 % against GD's, and both kernel limits.</summary>
    public static string Headline(Report report)
    {
        var s = report["settings"];
        var miniBatch = s["batchSize"].Integer > 0 && s["batchSize"].Integer < s["train"].Integer;
        var (field, unit, budget) = miniBatch
            ? ("epochsToAccuracy", "epochs", s["steps"].Integer / s["stepsPerEpoch"].Integer)
            : ("stepsToAccuracy", "steps", s["steps"].Integer);
        string To85(Report run) => run[field]["0.85"].IsNull
            ? $"not within {budget} {unit}"
            : $"in {Format.Number(run[field]["0.85"].Number, "0.#")} {unit}";
        var limits = report["kernelRegression"];
        return string.Create(CultureInfo.InvariantCulture,
            $"n = {s["train"].Integer}: PGD reaches 85 % {To85(report["pgd"])}, GD {To85(report["gd"])}; best PGD {Format.Fraction(report["pgd"]["bestTestAccuracy"].Number)}, "
            + $"kernel limit from the initial output {Format.Fraction(limits["fromInitialOutputTestAccuracy"].Number)} (from zero {Format.Fraction(limits["fromZeroTestAccuracy"].Number)})");
    }
}
