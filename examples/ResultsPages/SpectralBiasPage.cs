using System.Globalization;

namespace ResultsPages;

/// <summary>examples/SpectralBias: GD, PGD and PGD with momentum per frequency on the circle, against kernel theory.</summary>
internal static class SpectralBiasPage
{
    public static string Body(Report report, Page page)
    {
        var s = report["settings"];
        var frequencies = report["frequencies"].Items;
        var text = $"{s["kernel"].Text}, width {s["width"].Integer}; n = {s["samples"].Integer} training and {s["testPoints"].Integer} test points on "
            + $"S^{s["dimension"].Integer - 1}, seed {s["seed"].Integer}. PGD replaces the top k = {s["rank"].Integer} eigenvalues by {s["target"].Text}; "
            + $"delta_1 / delta_k = {Format.Number(s["delta1OverDeltaK"].Number, "0.#")}, the factor by which PGD's step may exceed GD's. "
            + $"Each run stops at ||r_t|| <= {Format.Number(s["tolerance"].Number, "G3")} ||r_0|| or after {s["maxSteps"].Integer} steps "
            + "('>' marks a run that hit the budget). Dense eigendecomposition: " + s["eigenBackend"].Text + ".\n\n";

        text += "## Steps to the tolerance\n\n"
            + "**(kernel)**: kernel gradient descent's closed form with the same kernel, S, step, tolerance and initial residual. "
            + "**share top-k**: ||V_k^T y||^2 / ||y||^2. **test err**: relative L2 error on the test points.\n\n"
            + Format.Table(["freq", "GD steps", "(kernel)", "PGD steps", "(kernel)", "speed-up", "(kernel)", "share top-k", "GD test err", "PGD test err"],
                frequencies.Select(f => (IReadOnlyList<string>)
                [
                    Format.Integer(f["frequency"].Integer), Format.Steps(f["gdSteps"].Integer, f["gdConverged"].Boolean), Format.Integer(f["predictedGdSteps"].IntegerOrNull),
                    Format.Steps(f["pgdSteps"].Integer, f["pgdConverged"].Boolean), Format.Integer(f["predictedPgdSteps"].IntegerOrNull),
                    Format.Times(f["measuredSpeedup"].Number), Format.Times(f["predictedSpeedup"].NumberOrNull),
                    Format.Number(f["targetShareInTopK"].Number, "0.0000"), Format.Number(f["gdTestError"].Number, "0.000"), Format.Number(f["pgdTestError"].Number, "0.000"),
                ]))
            + "\n" + page.Image("loss.png", "Train loss against step, GD and PGD, per frequency") + "\n";

        text += "## The same solution\n\n"
            + "Relative L2 differences on the test points between the GD network, the PGD network and the linearised limit "
            + "f_0(x) + K(x, X) K^-1 (y - f_0(X)) (K the analytic NTK, f_0 the shared initial network), all divided by ||limit||, "
            + "at each decade of the residual on the way down ('-': not reached).\n\n"
            + Format.Table(["freq", "tolerance", "GD-PGD", "GD-limit", "PGD-limit", "GD steps", "PGD steps"],
                report["sameSolution"].Items.Select(r => (IReadOnlyList<string>)
                [
                    Format.Integer(r["frequency"].Integer), Format.Number(r["tolerance"].Number, "G3"),
                    Format.Number(r["gdVsPgd"].NumberOrNull, "0.0000"), Format.Number(r["gdVsLimit"].NumberOrNull, "0.0000"), Format.Number(r["pgdVsLimit"].NumberOrNull, "0.0000"),
                    Format.Integer(r["gdSteps"].IntegerOrNull), Format.Integer(r["pgdSteps"].IntegerOrNull),
                ]))
            + "\n" + page.Image("same-solution.png", "GD-PGD and GD-limit gaps against the tolerance") + "\n";

        text += "## Heavy-ball momentum on PGD\n\n"
            + "mu chosen automatically from the largest eigenvalue and the smallest one that matters at the tolerance; "
            + "**speed-up** is PGD's steps over PGD with momentum.\n\n"
            + Format.Table(["freq", "mu", "PGD steps", "PGD+HB steps", "(kernel)", "speed-up", "(kernel)"],
                frequencies.Select(f => (IReadOnlyList<string>)
                [
                    Format.Integer(f["frequency"].Integer), Format.Number(f["momentum"].Number, "0.000"), Format.Steps(f["pgdSteps"].Integer, f["pgdConverged"].Boolean),
                    Format.Steps(f["pgdMomentumSteps"].Integer, f["pgdMomentumConverged"].Boolean), Format.Integer(f["predictedPgdMomentumSteps"].IntegerOrNull),
                    Format.Times(f["momentumSpeedup"].Number, "0.##"), Format.Times(f["predictedMomentumSpeedup"].NumberOrNull, "0.##"),
                ]));

        var warnings = frequencies.SelectMany(f => f["warnings"].Items.Select(w => w.Text)).Distinct().ToArray();
        text += "\n" + (warnings.Length == 0 ? "The trainer gave no warning.\n" : "Warnings:\n\n" + string.Concat(warnings.Select(w => $"* {w}\n")));
        return text;
    }

    /// <summary>The highest frequency's speed-up.</summary>
    public static string Headline(Report report)
    {
        var f = report["frequencies"].Items[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"cos({f["frequency"].Integer} theta): GD {Format.Steps(f["gdSteps"].Integer, f["gdConverged"].Boolean)} steps, PGD {Format.Steps(f["pgdSteps"].Integer, f["pgdConverged"].Boolean)} ({Format.Times(f["measuredSpeedup"].Number)}; kernel theory {Format.Times(f["predictedSpeedup"].NumberOrNull)})");
    }

    /// <summary>The highest frequency's speed-up of momentum over plain PGD.</summary>
    public static string MomentumHeadline(Report report)
    {
        var f = report["frequencies"].Items[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"cos({f["frequency"].Integer} theta), k = {report["settings"]["rank"].Integer}: PGD {Format.Steps(f["pgdSteps"].Integer, f["pgdConverged"].Boolean)} steps, "
            + $"with momentum (mu = {Format.Number(f["momentum"].Number, "0.000")}) {Format.Steps(f["pgdMomentumSteps"].Integer, f["pgdMomentumConverged"].Boolean)} "
            + $"({Format.Times(f["momentumSpeedup"].Number, "0.##")}; kernel theory {Format.Times(f["predictedMomentumSpeedup"].NumberOrNull, "0.##")})");
    }
}
