namespace ResultsPages;

/// <summary>examples/KernelDesign: the MSK built from n samples against the exact target kernel on the sphere.</summary>
internal static class KernelDesignPage
{
    public static string Body(Report report, Page page)
    {
        var s = report["settings"];
        var samples = s["samples"].Items.Select(n => n.Integer).ToArray();
        var text = $"Base kernel: {s["baseKernel"].Text} on S^{s["dimension"].Integer - 1}; the top k = {s["rank"].Integer} eigenvalues replaced by each target. "
            + $"Error: {s["error"].Text} ({s["testPoints"].Integer} test points, {s["repeats"].Integer} independent samples per n, seed {s["seed"].Integer}). "
            + "On the sphere the exact kernel of a target spectrum is a Gegenbauer series, so the error is measured against the truth.\n\n"
            + Format.Table(["target", .. samples.Select(n => $"n = {n}")], report["targets"].Items.Select(t => (IReadOnlyList<string>)
            [
                t["target"].Text, .. t["errors"].Items.Select(e => Format.Number(e.Number, "0.000e+0")),
            ]))
            + "\nTargets that depend only on lambda converge as n grows. Targets that depend on the index i treat the harmonics of one degree "
            + "differently although they share an eigenvalue, and which harmonic gets which index is decided by sampling noise: those errors level off.\n\n"
            + page.Image("msk-error-vs-n.png", "MSK error against n per target");
        return text;
    }

    /// <summary>The first target whose error depends on lambda only: its error at the smallest and largest n.</summary>
    public static string Headline(Report report)
    {
        var samples = report["settings"]["samples"].Items;
        var target = report["targets"].Items[^1];
        var errors = target["errors"].Items;
        return $"{target["target"].Text}: relative error {Format.Number(errors[0].Number, "0.0e+0")} at n = {samples[0].Integer}, "
            + $"{Format.Number(errors[^1].Number, "0.0e+0")} at n = {samples[^1].Integer}";
    }
}
