using System.Diagnostics;
using System.Globalization;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Testing;
using SpectrumDsl.Training;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// A new user's grid on the trust cases' two-output CSV (tests/SpectrumDsl.Tests/Training/Trust, first 500 rows,
/// Preprocessor and TargetScaler defaults): widths 256, 1024 and 4096, k = 10, 30 and 100, full batch and batches of
/// 50, one output (t1) or two, at the automatic step with tolerance 0.1 and 1500 steps. Each run must end converged or
/// at its budget below its initial loss; the table shows how (stop, steps, final over initial loss, halvings of the step, whether the resolution check
/// warned that the width cannot resolve the target).
/// </summary>
/// <remarks><c>dotnet run -c Release --project tests/SpectrumDsl.Benchmarks -- trust-grid</c>; exit code 1 when a run fails that rule.</remarks>
internal static class TrustGrid
{
    public const string Command = "trust-grid";

    public static int Run(string[] args)
    {
        var path = args.Length > 0 ? args[0] : Repository.File("tests", "SpectrumDsl.Tests", "Training", "Trust", "two-output-regression.csv");
        var csv = Csv.Read(path, ["t1", "t2"], new CsvOptions { Features = ["a", "b", "c", "d"] });
        var x = csv.Features.SubMatrix(0, 500, 0, csv.Features.ColumnCount);
        var y = csv.Targets.SubMatrix(0, 500, 0, 2);
        var points = Preprocessor.Fit(x).Apply(x);
        var targets = TargetScaler.Fit(y).Apply(y);
        Console.WriteLine($"{path}: n = 500, d = {x.ColumnCount}; ReLU depth 1, bias 1, seed 1, tolerance 0.1, 1500 steps, automatic step.");
        Console.WriteLine();
        Console.WriteLine("| width | k | batch | outputs | stop | steps | final / initial loss | halvings | resolution warning | seconds |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var failed = 0;
        foreach (var width in new[] { 256, 1024, 4096 })
        {
            foreach (var rank in new[] { 10, 30, 100 })
            {
                foreach (var batch in new[] { 0, 50 })
                {
                    foreach (var outputs in new[] { 1, 2 })
                    {
                        var config = new TrainerConfig
                        {
                            Architecture = NetworkArchitecture.Relu(1, 1.0), Width = width, Rank = rank, BatchSize = batch, Steps = 1500, Tolerance = 0.1,
                            RecordInterval = 100, Seed = 1,
                        };
                        var clock = Stopwatch.StartNew();
                        var result = new Trainer(config).Run(points, targets.SubMatrix(0, 500, 0, outputs));
                        var ratio = result.Records[^1].TrainLoss / result.Records[0].TrainLoss;
                        var ok = result.Converged || ratio < 1;
                        failed += ok ? 0 : 1;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {width} | {rank} | {(batch == 0 ? "full" : batch)} | {outputs} | {result.StopReason}{(ok ? "" : " (FAILS)")} | {result.StepsTaken} | {ratio:0.000} | {result.StepSizeChanges.Count} | {(result.Warnings.Any(Unresolved) ? "yes" : "no")} | {clock.Elapsed.TotalSeconds:0.0} |"));
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(failed == 0 ? "Every run ended converged or below its initial loss." : $"{failed} run(s) ended above their initial loss without converging.");
        return failed == 0 ? 0 : 1;
    }

    // The resolution check's warning (NtkResolution): part of the target lies below the network's NTK error.
    private static bool Unresolved(string warning) => warning.Contains("does not resolve the target", StringComparison.Ordinal);
}
