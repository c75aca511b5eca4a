using SpectrumDsl.Examples;
using SpectrumDsl.Spectra;

namespace SpectralBias;

/// <summary>The three pictures: spectra, loss curves, residual per eigendirection.</summary>
internal static class Plots
{
    public static IReadOnlyList<string> Write(string folder, Experiment experiment, IReadOnlyList<FrequencyResult> results)
    {
        var paths = new List<string> { Spectra(folder, experiment) };
        paths.Add(Charts.Lines(Path.Combine(folder, "loss.png"), "Train loss: GD vs PGD", "step (log10 of step + 1)", "train loss (log10)",
            results.SelectMany(r => new[] { Loss(r.Gd, $"f = {r.Frequency}, GD"), Loss(r.Pgd, $"f = {r.Frequency}, PGD") }),
            logX: true, logY: true));
        paths.Add(Charts.Lines(Path.Combine(folder, "same-solution.png"), "GD vs PGD vs linearised limit: relative test-set difference",
            "tolerance (log10)", "relative L2 difference (log10)", results.SelectMany(SameSolutionSeries), logX: true, logY: true));
        if (results.Count > 0)
        {
            var highest = results.MaxBy(r => r.Frequency)!;
            foreach (var (run, name) in new[] { (highest.Gd, "gd"), (highest.Pgd, "pgd") })
            {
                paths.Add(Charts.Lines(Path.Combine(folder, $"eigen-residuals-{name}.png"),
                    $"Frequency {highest.Frequency}, {name.ToUpperInvariant()}: residual along the top eigendirections",
                    "step (log10 of step + 1)", "|v_i . r_t| (log10)", Projections(run), logX: true, logY: true));
            }
        }

        return paths;
    }

    private static string Spectra(string folder, Experiment experiment)
    {
        var msk = experiment.Spec.BuildKernel(experiment.TrainX);
        var n = experiment.TrainX.RowCount;
        var all = EigenSolver.Full(experiment.Spec.Kernel.Gram(experiment.TrainX)).OperatorValues;
        var modified = all.Select((value, i) => i < msk.Rank ? msk.Modification.TargetValues[i] : value).ToArray();
        var index = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        return Charts.Lines(Path.Combine(folder, "spectrum.png"), $"NTK spectrum (Gram/n, n = {n}): base and modified ({experiment.Spec.Target.Description}, k = {msk.Rank})",
            "index i (log10)", "eigenvalue (log10)",
            [new Series("base NTK", index, all.ToArray()), new Series("modified (what PGD trains with)", index, modified)], logX: true, logY: true);
    }

    private static IEnumerable<Series> SameSolutionSeries(FrequencyResult result)
    {
        foreach (var (name, gap) in new (string, Func<SameSolutionRow, double?>)[] { ("GD-PGD", row => row.GdVsPgd), ("GD-limit", row => row.GdVsLimit) })
        {
            var rows = result.SameSolution.Where(row => gap(row) is > 0).ToArray();
            yield return new Series($"f = {result.Frequency}, {name}", rows.Select(row => row.Tolerance).ToArray(), rows.Select(row => gap(row)!.Value).ToArray());
        }
    }

    private static Series Loss(SpectrumDsl.Training.TrainingResult run, string label) =>
        new(label, run.Records.Select(r => r.Step + 1.0).ToArray(), run.Records.Select(r => r.TrainLoss).ToArray());

    private static IEnumerable<Series> Projections(SpectrumDsl.Training.TrainingResult run)
    {
        var count = Math.Min(9, run.Records[0].EigenProjections.Count);
        for (var i = 0; i < count; i++)
        {
            yield return new Series($"v_{i + 1}", run.Records.Select(r => r.Step + 1.0).ToArray(),
                run.Records.Select(r => Math.Abs(r.EigenProjections[i])).ToArray());
        }
    }
}
