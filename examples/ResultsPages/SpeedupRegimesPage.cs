namespace ResultsPages;

/// <summary>examples/SpeedupRegimes: ReLU's polynomial and Erf's exponential speed-up per degree D on the circle.</summary>
internal static class SpeedupRegimesPage
{
    public static string Body(Report report, Page page)
    {
        var s = report["settings"];
        var text = $"n = {s["samples"].Integer} points on the circle, seed {s["seed"].Integer}, width {s["width"].Integer}, depth {s["depth"].Integer}, "
            + $"bias {Format.Number(s["bias"].Number, "0.##")}; degree D learns cos(D theta) and PGD flattens the top k = 2D + 1 eigenvalues; "
            + $"tolerance ||r|| <= {Format.Number(s["tolerance"].Number, "G3")} ||r_0||, at most {s["maxSteps"].Integer} network steps. "
            + "Networks are trained only where the trainer's resolution check passes at this width (**resolved**; '-' elsewhere); "
            + "**(kernel)** columns are kernel gradient descent's closed form from the same initial residual at every degree, without a budget; "
            + "**d1/dk** is delta_1 / delta_k, the factor by which PGD's step exceeds GD's.\n\n";
        foreach (var regime in report["regimes"].Items)
        {
            text += $"## {regime["kernel"].Text}\n\n"
                + Format.Table(["D", "k", "resolved", "GD steps", "(kernel)", "PGD steps", "(kernel)", "speed-up", "(kernel)", "d1/dk"],
                    regime["rows"].Items.Select(r => (IReadOnlyList<string>)
                    [
                        Format.Integer(r["degree"].Integer), Format.Integer(r["rank"].Integer), r["resolved"].Boolean ? "yes" : "no",
                        Format.Steps(r["gdSteps"].IntegerOrNull, r["gdConverged"].BooleanOrNull), Format.Integer(r["predictedGdSteps"].IntegerOrNull),
                        Format.Steps(r["pgdSteps"].IntegerOrNull, r["pgdConverged"].BooleanOrNull), Format.Integer(r["predictedPgdSteps"].IntegerOrNull),
                        Format.Times(r["measuredSpeedup"].NumberOrNull), Format.Times(r["predictedSpeedup"].NumberOrNull), Format.Number(r["delta1OverDeltaK"].Number, "0.#"),
                    ]))
                + "\n";
        }

        return text + page.Image("speedup.png", "PGD speed-up against the degree, ReLU and Erf, network and kernel theory");
    }

    /// <summary>Each activation's highest resolved degree.</summary>
    public static string Headline(Report report) => string.Join("; ", report["regimes"].Items.Select(regime =>
    {
        var row = regime["rows"].Items.LastOrDefault(r => r["measuredSpeedup"].NumberOrNull is not null);
        return row.Path is null
            ? $"{regime["activation"].Text}: no degree resolved"
            : $"{regime["activation"].Text} D = {row["degree"].Integer}: {Format.Times(row["measuredSpeedup"].NumberOrNull)} (kernel theory {Format.Times(row["predictedSpeedup"].NumberOrNull)})";
    }));
}
