namespace ResultsPages;

/// <summary>The run stamp every report carries (examples/ExampleSupport/RunStamp.cs), as a table under the title.</summary>
internal static class Stamp
{
    public static string Render(Report run)
    {
        var machine = run["machine"];
        var commit = run["commit"].TextOrNull is { } hash ? $"`{hash[..Math.Min(hash.Length, 12)]}`" : "unknown (no git checkout)";
        var changes = run["localChanges"].BooleanOrNull switch
        {
            true => " with uncommitted changes to tracked files",
            false => ", tracked files as committed",
            null => "",
        };
        var load = machine["loadAverage"].TextOrNull?.Replace(" ", ", ", StringComparison.Ordinal) ?? Format.None;
        return Format.Table(["run", ""],
        [
            ["command", $"`{run["command"].Text}`"],
            ["commit", commit + changes],
            ["machine", $"{machine["cpu"].Text}, {machine["cores"].Integer} cores, {machine["vectorWidth"].Text} kernels"],
            ["packed GEMM, n = 1920, in the same process", $"{Format.Number(machine["gemmGflops"].Number, "0.0")} GFLOP/s"],
            ["load average when the report was written (1, 5, 15 min)", load],
            ["wall time of the example process", Format.Duration(run["wallSeconds"].Number)],
            ["date (UTC)", run["date"].Text],
        ]);
    }
}
