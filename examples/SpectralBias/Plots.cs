using SpectrumDsl.Examples;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training;

namespace SpectralBias;

/// <summary>
/// The pictures: spectra, loss curves, the same-solution gaps and the residual per eigendirection. Each frequency
/// has one colour; GD is drawn solid and PGD (or the second gap) dashed, so a reader pairs them at a glance.
/// </summary>
internal static class Plots
{
    public static IReadOnlyList<string> Write(string folder, Experiment experiment, IReadOnlyList<FrequencyResult> results)
    {
        var paths = new List<string>
        {
            Spectra(folder, experiment),
            Charts.Lines(Path.Combine(folder, "loss.png"), "Train loss: GD (solid) and PGD (dashed), one colour per frequency",
                "step + 1 (log scale)", "train loss (log scale)", LossSeries(results), logX: true, logY: true),
            Charts.Lines(Path.Combine(folder, "same-solution.png"), "GD vs PGD vs linearised limit: relative test-set difference",
                "stopping tolerance (log scale)", "relative L2 difference (log scale)", SameSolutionSeries(results), logX: true, logY: true),
        };
        if (results.Count > 0)
        {
            var highest = results.MaxBy(r => r.Frequency)!;
            foreach (var (run, name) in new[] { (highest.Gd, "gd"), (highest.Pgd, "pgd") })
            {
                paths.Add(Charts.Lines(Path.Combine(folder, $"eigen-residuals-{name}.png"),
                    $"Frequency {highest.Frequency}, {name.ToUpperInvariant()}: residual along the top eigendirections",
                    "step + 1 (log scale)", "|v_i . r_t| (log scale)", Projections(run), logX: true, logY: true));
            }
        }

        return paths;
    }

    /// <summary>
    /// loss.png's lines: per frequency, in its colour, GD solid and PGD dashed with a marker at every record
    /// (PGD records every step: <see cref="Experiment.PgdRecordInterval"/>).
    /// </summary>
    public static IEnumerable<Series> LossSeries(IReadOnlyList<FrequencyResult> results) =>
        results.SelectMany((r, i) => new[]
        {
            Loss(r.Gd, $"f = {r.Frequency}, GD") with { Colour = i },
            Loss(r.Pgd, $"f = {r.Frequency}, PGD") with { Colour = i, Dashed = true, Markers = r.Pgd.Records.Count <= MarkedPoints },
        });

    /// <summary>same-solution.png's lines: per frequency, in its colour, the GD-PGD gap solid and the GD-limit gap dashed.</summary>
    public static IEnumerable<Series> SameSolutionSeries(IReadOnlyList<FrequencyResult> results) =>
        results.SelectMany((result, i) => new (string Name, Func<SameSolutionRow, double?> Gap, bool Dashed)[]
        {
            ("GD-PGD", row => row.GdVsPgd, false),
            ("GD-limit", row => row.GdVsLimit, true),
        }.Select(line =>
        {
            var rows = result.SameSolution.Where(row => line.Gap(row) is > 0).ToArray();
            return new Series($"f = {result.Frequency}, {line.Name}", rows.Select(row => row.Tolerance).ToArray(), rows.Select(row => line.Gap(row)!.Value).ToArray())
            {
                Colour = i,
                Dashed = line.Dashed,
                Markers = true,
            };
        }));

    /// <summary>A run with at most this many records is drawn with a marker at each (one per step for PGD's short runs).</summary>
    public const int MarkedPoints = 200;

    private static string Spectra(string folder, Experiment experiment)
    {
        var msk = experiment.Spec.BuildKernel(experiment.TrainX);
        var n = experiment.TrainX.RowCount;
        var all = EigenSolver.Full(experiment.Spec.Kernel.Gram(experiment.TrainX)).OperatorValues;
        var modified = all.Select((value, i) => i < msk.Rank ? msk.Modification.TargetValues[i] : value).ToArray();
        var index = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        return Charts.Lines(Path.Combine(folder, "spectrum.png"), $"NTK spectrum (Gram/n, n = {n}): base and modified ({experiment.Spec.Target.Description}, k = {msk.Rank})",
            "index i (log scale)", "eigenvalue (log scale)",
            [new Series("base NTK", index, all.ToArray()), new Series("modified (what PGD trains with)", index, modified) { Dashed = true }], logX: true, logY: true);
    }

    private static Series Loss(TrainingResult run, string label) =>
        new(label, run.Records.Select(r => r.Step + 1.0).ToArray(), run.Records.Select(r => r.TrainLoss).ToArray());

    private static IEnumerable<Series> Projections(TrainingResult run)
    {
        var count = Math.Min(9, run.Records[0].EigenProjections.Count);
        for (var i = 0; i < count; i++)
        {
            yield return new Series($"v_{i + 1}", run.Records.Select(r => r.Step + 1.0).ToArray(),
                run.Records.Select(r => Math.Abs(r.EigenProjections[i])).ToArray()) { Markers = run.Records.Count <= MarkedPoints };
        }
    }
}
