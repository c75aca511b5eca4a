using Spectre.Console;
using SpectrumDsl.Training;

namespace SpectrumDsl.Examples;

/// <summary>Progress bars on a terminal, plain lines when the output is redirected or --plain is given.</summary>
public static class ProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/>, which asks for one progress reporter per training run by its label.
    /// A bar goes to <paramref name="maxSteps"/>; its text is <paramref name="describe"/> of the latest
    /// record (the relative residual by default). In plain mode warnings are printed, and with
    /// <paramref name="plainLines"/> &gt; 0 also that many evenly spaced records per run (0: none, as records
    /// in between would flood a log).
    /// </summary>
    public static T Run<T>(bool plain, int maxSteps, Func<Func<string, IProgress<TrainingProgress>>, T> work,
        Func<TrainingRecord, string>? describe = null, int plainLines = 0)
    {
        describe ??= record => $"residual {record.RelativeResidual:0.000}";
        if (plain)
        {
            var spacing = plainLines > 0 ? Math.Max(1, maxSteps / plainLines) : int.MaxValue;
            return work(label =>
            {
                var next = 0;
                return new Progress(report =>
                {
                    if (report.Record is not { } record)
                    {
                        Console.WriteLine($"  {label}: {report.Message}");
                    }
                    else if (plainLines > 0 && record.Step >= next)
                    {
                        Console.WriteLine($"  {label}: step {record.Step}, {describe(record)}");
                        next = (record.Step / spacing + 1) * spacing;
                    }
                });
            });
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                result = work(label =>
                {
                    var task = context.AddTask(label, maxValue: maxSteps);
                    return new Progress(report =>
                    {
                        if (report.Record is { } record)
                        {
                            task.Value = record.Step;
                            task.Description = $"{label} ({describe(record)})";
                        }
                        else
                        {
                            AnsiConsole.MarkupLineInterpolated($"[yellow]{label}: {report.Message}[/]");
                        }
                    }, () =>
                    {
                        // A run that met the tolerance early is finished, not "37 % done".
                        task.Value = task.MaxValue;
                        task.StopTask();
                    });
                });
            });
        return result;
    }

    /// <summary>Reports synchronously (System.Progress would post to the thread pool and reorder lines).</summary>
    private sealed class Progress(Action<TrainingProgress> report, Action? completed = null) : IProgress<TrainingProgress>, IDisposable
    {
        public void Report(TrainingProgress value) => report(value);

        public void Dispose() => completed?.Invoke();
    }
}
