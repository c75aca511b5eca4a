using System.Diagnostics;
using System.Globalization;
using FashionMnist;
using SpectrumDsl.Examples;
using SpectrumDsl.Training;

// GD against PGD on real images: see README ("Fashion-MNIST").
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return CommandLineRun.Invoke(CommandLine.Build(Run), args);

static int Run(Settings settings, CancellationToken interrupted)
{
    // Ctrl+C and SIGTERM both stop between steps, and nothing is written to --out.
    using var stop = new StopSignal(interrupted);
    if (FashionData.Missing(settings.DataFolder) is { } missing)
    {
        Console.Error.WriteLine($"error: {missing}");
        return 2;
    }

    var loading = Stopwatch.StartNew();
    var data = FashionData.Load(settings.DataFolder, settings.Train, settings.Test, settings.Components, settings.Bias);
    var experiment = new Experiment(settings, data);
    var config = experiment.BaseConfig;
    Console.WriteLine($"Fashion-MNIST from {settings.DataFolder}: {settings.Train} training and {settings.Test} test images, "
        + (settings.Components > 0 ? $"{settings.Components} principal components" : "784 pixels") + $", on the sphere of radius sqrt(d) (read in {loading.Elapsed.TotalSeconds:0.0} s).");
    Console.WriteLine(data.Balance);
    Console.WriteLine($"{config.Architecture.Description}, width {config.Width}, seed {config.Seed}; PGD flattens the top k = {config.Rank} eigenvalues; "
        + $"{settings.Path.ToString().ToLowerInvariant()} path; " + (settings.PointsPerStep < settings.Train ? $"batches of {settings.BatchSize} ({settings.StepsPerEpoch} steps per epoch)" : "full batch")
        + $"; {settings.Steps} steps, test accuracy every {settings.EvaluateEvery}.");

    ExperimentResult result;
    try
    {
        result = ProgressDisplay.Run(settings.Plain, settings.Steps,
            progress => experiment.Run(progress, Console.WriteLine, stop.Token),
            record => $"test accuracy {record.TestAccuracy:0.000}", plainLines: 10);
    }
    catch (Exception error) when (TrainingOptions.Explain(error, settings.OnDivergence) is { } lines)
    {
        lines.ToList().ForEach(Console.Error.WriteLine);
        return 1;
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine($"Interrupted; nothing was written to {settings.Output}.");
        return StopSignal.ExitCode;
    }

    Summary.Print(settings, result);
    using var output = new StagedFolder(settings.Output);
    Report.Write(output.File("report.json"), settings, data, result);
    var plots = Plots.Write(output, result);
    output.Commit();
    Console.WriteLine();
    Console.WriteLine($"Report: {Path.Combine(settings.Output, "report.json")}");
    foreach (var plot in plots)
    {
        Console.WriteLine($"Plot:   {Path.Combine(settings.Output, Path.GetFileName(plot))}");
    }

    return 0;
}
