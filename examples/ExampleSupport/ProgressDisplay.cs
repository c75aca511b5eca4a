using Spectre.Console;
using SpectrumDsl.Training;

namespace SpectrumDsl.Examples;

/// <summary>Progress bars on a terminal, plain lines when the output is redirected or --plain is given.</summary>
public static class ProgressDisplay
{
    /// <summary>Evenly spaced progress lines per run in plain mode (more would flood a log).</summary>
    public const int DefaultPlainLines = 10;

    /// <summary>
    /// The plain-mode reporter of one run: a line per warning, a line at step 0 and every <paramref name="maxSteps"/> /
    /// <paramref name="lines"/> steps, and on <see cref="IDisposable.Dispose"/> a last line for the final record
    /// unless it was just printed.
    /// </summary>
    public static IProgress<TrainingProgress> Plain(string label, int maxSteps, Func<TrainingRecord, string> describe, int lines, TextWriter output)
    {
        var spacing = Math.Max(1, maxSteps / Math.Max(1, lines));
        var next = 0;
        TrainingRecord? last = null;
        var printed = -1;
        return new Progress(report =>
        {
            if (report.Record is not { } record)
            {
                output.WriteLine($"  {label}: {report.Message}");
                return;
            }

            last = record;
            if (record.Step >= next)
            {
                output.WriteLine($"  {label}: step {record.Step}, {describe(record)}");
                printed = record.Step;
                next = (record.Step / spacing + 1) * spacing;
            }
        }, () =>
        {
            if (last is { } final && final.Step != printed)
            {
                output.WriteLine($"  {label}: step {final.Step}, {describe(final)} (last)");
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which asks for one progress reporter per training run by its label.
    /// A bar goes to <paramref name="maxSteps"/>; its text is <paramref name="describe"/> of the latest
    /// record (the relative residual by default). In plain mode (<c>--plain</c>, or output redirected) each
    /// run prints its warnings, a line at step 0, at most <paramref name="plainLines"/> evenly spaced lines
    /// over the budget, and a last line when it ends (so a run that stops early still says where).
    /// </summary>
    public static T Run<T>(bool plain, int maxSteps, Func<Func<string, IProgress<TrainingProgress>>, T> work,
        Func<TrainingRecord, string>? describe = null, int plainLines = DefaultPlainLines)
    {
        describe ??= record => $"residual {record.RelativeResidual:0.000}";
        if (plain)
        {
            return work(label => Plain(label, maxSteps, describe, plainLines, Console.Out));
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
