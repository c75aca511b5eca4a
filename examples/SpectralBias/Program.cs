using System.Globalization;
using SpectralBias;
using SpectrumDsl.Examples;
using SpectrumDsl.Training;

// Spectral bias, and its removal, in one command: see README ("What the main example shows").
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return CommandLineRun.Invoke(CommandLine.Build(Run), args);

static int Run(Settings settings, CancellationToken interrupted)
{
    // Ctrl+C and SIGTERM both stop between steps and leave a resumable checkpoint.
    using var stop = new StopSignal(interrupted);
    var cancellation = stop.Token;
    var experiment = new Experiment(settings);
    var config = experiment.BaseConfig;
    Console.WriteLine($"{experiment.Spec.Kernel.Name}, width {config.Width}; n = {settings.Samples} training and {settings.TestPoints} test points on S^{settings.Dimension - 1} (seed {settings.Seed}).");
    Console.WriteLine($"PGD: top k = {config.Rank} eigenvalues -> {config.Target.Description}; tolerance ||r|| <= {settings.Tolerance} ||r_0||, at most {settings.MaxSteps} steps.");
    if (settings.Verbose)
    {
        var backend = SpectrumDsl.LinearAlgebra.SymmetricEigen.BackendDescription;
        var choose = backend.Contains("forced", StringComparison.Ordinal) ? "" : $" (choose with {SpectrumDsl.LinearAlgebra.SymmetricEigen.BackendEnvironmentVariable}=lapack|managed)";
        Console.WriteLine($"Dense eigendecomposition: {backend}{choose}.");
    }

    IReadOnlyList<FrequencyResult> results;
    try
    {
        results = ProgressDisplay.Run(settings.Plain, settings.MaxSteps, progress =>
            settings.Frequencies.Select(frequency => experiment.Run(frequency, progress, cancellation)).ToArray());
    }
    catch (Exception error) when (TrainingOptions.Explain(error, settings.OnDivergence) is { } lines)
    {
        lines.ToList().ForEach(Console.Error.WriteLine);
        return 1;
    }
    catch (SpectrumDsl.Training.Checkpoints.CheckpointException error)
    {
        Console.Error.WriteLine($"error: {error.Message}");
        return 1;
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine(settings.CheckpointFolder is null
            ? "Interrupted. Nothing was saved: pass --checkpoint <folder> to be able to continue with --resume."
            : $"Interrupted; each run's state is saved in {settings.CheckpointFolder}. Continue with the same options plus --resume.");
        return StopSignal.ExitCode;
    }

    Console.WriteLine();
    Console.WriteLine($"{"freq",4} {"GD steps",9} {"(kernel)",9} {"PGD steps",9} {"(kernel)",9} {"speed-up",9} {"(kernel)",9} {"share top-k",11} {"GD test err",11} {"PGD test err",12}");
    foreach (var r in results)
    {
        Console.WriteLine(
            $"{r.Frequency,4} {Steps(r.GdSteps, r.GdConverged),9} {Predicted(r.PredictedGdSteps),9} {Steps(r.PgdSteps, r.PgdConverged),9} {Predicted(r.PredictedPgdSteps),9} " +
            $"{r.MeasuredSpeedup,8:0.#}x {(r.PredictedSpeedup is double p ? $"{p:0.#}x" : "-"),9} {r.TargetShareInTopK,11:0.0000} {r.GdTestError,11:0.000} {r.PgdTestError,12:0.000}");
    }

    Console.WriteLine();
    Console.WriteLine("The same solution: relative L2 differences on the test points (divided by ||limit||) at each tolerance,");
    Console.WriteLine("limit = f_0(x) + K(x, X) K^-1 (y - f_0(X)) with the analytic NTK K; '-' = not reached within --max-steps.");
    Console.WriteLine($"{"freq",4} {"tolerance",9} {"GD-PGD",8} {"GD-limit",8} {"PGD-limit",9} {"GD steps",8} {"PGD steps",9}");
    foreach (var row in results.SelectMany(r => r.SameSolution))
    {
        Console.WriteLine($"{row.Frequency,4} {row.Tolerance,9:G3} {Gap(row.GdVsPgd),8} {Gap(row.GdVsLimit),8} {Gap(row.PgdVsLimit),9} {Predicted(row.GdSteps),8} {Predicted(row.PgdSteps),9}");
    }

    Console.WriteLine();
    Console.WriteLine("Heavy-ball momentum on PGD (automatic mu from the largest eigenvalue and the smallest one that matters for the tolerance):");
    Console.WriteLine($"{"freq",4} {"mu",7} {"PGD steps",9} {"PGD+HB steps",12} {"(kernel)",9} {"speed-up",9} {"(kernel)",9}");
    foreach (var r in results)
    {
        var m = r.Momentum;
        Console.WriteLine($"{r.Frequency,4} {m.Mu,7:0.000} {Steps(r.PgdSteps, r.PgdConverged),9} {Steps(m.Steps, m.Converged),12} {Predicted(m.PredictedSteps),9} {m.Speedup,8:0.##}x {(m.PredictedSpeedup is double q ? $"{q:0.##}x" : "-"),9}");
    }

    var ratio = results.Count > 0 ? results[0].Pgd.Preconditioner.ConditionRatio : double.NaN;
    Console.WriteLine();
    Console.WriteLine($"delta_1 / delta_k = {ratio:0.#}: the step PGD may take is that many times GD's, the predicted speed-up for directions inside the top k.");
    Console.WriteLine("Steps marked '>' hit --max-steps without reaching the tolerance.");
    foreach (var warning in results.SelectMany(r => r.Warnings).Distinct())
    {
        Console.WriteLine($"warning: {warning}");
    }

    Directory.CreateDirectory(settings.Output);
    Console.WriteLine();
    Console.WriteLine($"Report: {Report.Write(settings.Output, settings, experiment, ratio, results)}");
    foreach (var plot in Plots.Write(settings.Output, experiment, results))
    {
        Console.WriteLine($"Plot:   {plot}");
    }

    return 0;
}

static string Steps(int steps, bool converged) => converged ? steps.ToString(CultureInfo.InvariantCulture) : $">{steps}";

static string Gap(double? gap) => gap is double g ? g.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

static string Predicted(int? steps) => steps?.ToString(CultureInfo.InvariantCulture) ?? "-";
