using Spectre.Console;
using SpectrumDsl.Training;

namespace SpectralBias;

/// <summary>Progress bars on a terminal, plain lines when the output is redirected or --plain is given.</summary>
internal static class ProgressDisplay
{
    public static T Run<T>(bool plain, int maxSteps, Func<Func<string, IProgress<TrainingProgress>>, T> work)
    {
        if (plain)
        {
            return work(label => new Progress(report =>
            {
                // Warnings and the last record of each run; records in between would flood a log.
                if (report.Record is null)
                {
                    Console.WriteLine($"  {label}: {report.Message}");
                }
            }));
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
                            task.Description = $"{label} (residual {record.RelativeResidual:0.000})";
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
