using System.Globalization;
using SpectrumDsl.Examples;
using SpectrumDsl.Training;
using SpeedupRegimes;

// Two speed-up regimes, polynomial (ReLU) and exponential (Erf): see README ("Two speed-up regimes").
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return CommandLineRun.Invoke(CommandLine.Build(Run), args);

static int Run(Settings settings, CancellationToken interrupted)
{
    // Ctrl+C and SIGTERM both stop between steps; nothing is written then.
    using var stop = new StopSignal(interrupted);
    var cancellation = stop.Token;
    var experiment = new Experiment(settings);
    Console.WriteLine($"n = {settings.Samples} points on the circle (seed {settings.Seed}), width {settings.Width}, depth {Settings.Depth}, bias {Settings.Bias}; "
        + $"degree D flattens the top k = 2D + 1 eigenvalues, tolerance ||r|| <= {settings.Tolerance} ||r_0||, at most {settings.MaxSteps} network steps.");

    IReadOnlyList<Regime> regimes;
    try
    {
        regimes = ProgressDisplay.Run(settings.Plain, settings.MaxSteps, progress =>
            settings.Activations.Select(activation => experiment.Run(activation, progress, cancellation)).ToArray());
    }
    catch (Exception error) when (TrainingOptions.Explain(error, settings.OnDivergence) is { } lines)
    {
        lines.ToList().ForEach(Console.Error.WriteLine);
        return 1;
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine("Interrupted; nothing was written.");
        return StopSignal.ExitCode;
    }

    foreach (var regime in regimes)
    {
        Console.WriteLine();
        Console.WriteLine(regime.Architecture.Ntk().Name);
        Console.WriteLine($"{"D",3} {"k",3} {"resolved",8} {"GD steps",9} {"(kernel)",11} {"PGD steps",9} {"(kernel)",9} {"speed-up",9} {"(kernel)",10} {"d1/dk",10}");
        foreach (var r in regime.Rows)
        {
            Console.WriteLine($"{r.Degree,3} {r.Rank,3} {(r.Resolved ? "yes" : "no"),8} {Steps(r.GdSteps, r.GdConverged),9} {Number(r.PredictedGdSteps),11} "
                + $"{Steps(r.PgdSteps, r.PgdConverged),9} {Number(r.PredictedPgdSteps),9} {Ratio(r.MeasuredSpeedup),9} {Ratio(r.PredictedSpeedup),10} {r.ConditionRatio,10:0.#}");
        }
    }

    Console.WriteLine();
    Console.WriteLine("Network steps are run only where the trainer's resolution check passes at this width ('-' elsewhere); '>' marks a run that hit --max-steps.");
    // Written in full or not at all: the folder appears only once both files are there.
    using var output = new StagedFolder(settings.Output);
    Report.Write(output.File("report.json"), settings, regimes);
    Plots.Write(output.File("speedup.png"), regimes);
    output.Commit();
    Console.WriteLine($"Report: {Path.Combine(output.Target, "report.json")}");
    Console.WriteLine($"Plot:   {Path.Combine(output.Target, "speedup.png")}");
    return 0;
}

static string Steps(int? steps, bool? converged) => steps is not int s ? "-" : converged == true ? s.ToString(CultureInfo.InvariantCulture) : $">{s}";

static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

static string Ratio(double? value) => value is double v ? $"{v:0.#}x" : "-";
