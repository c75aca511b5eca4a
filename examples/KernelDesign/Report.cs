using SpectrumDsl.Examples;

namespace KernelDesign;

/// <summary>One target's mean relative error of the MSK against the exact target kernel, at each sample count.</summary>
public sealed record TargetErrors(string Target, IReadOnlyList<double> Errors);

/// <summary>report.json: the settings, the base kernel and, per target, the error at each n of <see cref="Settings.Samples"/>.</summary>
internal static class Report
{
    public static string Write(string path, Settings settings, string baseKernel, IReadOnlyList<TargetErrors> targets)
    {
        var document = new
        {
            run = RunStamp.Capture("KernelDesign"),
            settings = new
            {
                settings.Samples,
                settings.Rank,
                settings.Dimension,
                settings.TestPoints,
                settings.Seed,
                settings.Repeats,
                baseKernel,
                error = "||MSK Gram - exact Gram||_F / ||exact Gram||_F on the test points, mean over the repeats",
            },
            targets = targets.Select(target => new { target = target.Target, errors = target.Errors }),
        };
        return ReportJson.Write(path, document);
    }
}
