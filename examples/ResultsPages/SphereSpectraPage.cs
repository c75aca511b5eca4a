namespace ResultsPages;

/// <summary>examples/SphereSpectra: exact NTK eigenvalues per spherical-harmonic degree against Gram/n estimates.</summary>
internal static class SphereSpectraPage
{
    public static string Body(Report report, Page page)
    {
        var s = report["settings"];
        var text = $"{s["kernel"].Text}: the exact eigenvalue of every spherical-harmonic degree (Funk-Hecke) with its multiplicity, "
            + $"next to the mean of its Gram/n eigenvalues on n = {s["samples"].Integer} uniform points (seed {s["seed"].Integer}; '-' where the "
            + "sample is too small to place the degree). **GD steps x** = lambda_0 / lambda_k: how many times longer gradient descent needs for "
            + "degree k than for degree 0; 'never' where the eigenvalue is 0.\n\n";
        foreach (var sphere in report["spheres"].Items)
        {
            var dimension = sphere["dimension"].Integer;
            var plain = sphere["noBias"].Items;
            var biased = sphere["bias1"].Items;
            text += $"## S^{dimension - 1} (d = {dimension})\n\n"
                + Format.Table(["degree", "multiplicity", "no bias: exact", "Gram/n", "GD steps x", "bias 1: exact", "Gram/n", "GD steps x"],
                    plain.Zip(biased).Select(pair => (IReadOnlyList<string>)
                    [
                        Format.Integer(pair.First["degree"].Integer), Format.Integer(pair.First["multiplicity"].Integer), .. Cells(pair.First), .. Cells(pair.Second),
                    ]))
                + "\n";
        }

        return text;
    }

    private static string[] Cells(Report row)
    {
        var steps = row["gdStepsRelativeToDegree0"].NumberOrNull;
        return
        [
            steps is null ? "0" : Format.Number(row["exact"].Number, "0.000000e+0"),
            Format.Number(row["estimate"].NumberOrNull, "0.0000e+0"),
            steps is null ? "never" : Format.Number(steps, "0.#"),
        ];
    }

    /// <summary>The circle with bias: the steps degree 4 and the highest degree need relative to degree 0.</summary>
    public static string Headline(Report report)
    {
        var sphere = report["spheres"].Items[0];
        var rows = sphere["bias1"].Items;
        var last = rows[^1];
        var four = rows.FirstOrDefault(r => r["degree"].Integer == 4);
        var fourText = four.Path is null ? "" : $"degree 4 needs {Format.Number(four["gdStepsRelativeToDegree0"].NumberOrNull, "0")} times the GD steps of degree 0 and ";
        return $"S^{sphere["dimension"].Integer - 1}, bias 1: {fourText}degree {last["degree"].Integer} {Format.Number(last["gdStepsRelativeToDegree0"].NumberOrNull, "0")} times";
    }
}
