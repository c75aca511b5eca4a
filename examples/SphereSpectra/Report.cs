using SpectrumDsl.Examples;

namespace SphereSpectra;

/// <summary>One sphere's table: the degrees of the bias-free and the bias-1 kernel side by side.</summary>
internal sealed record SphereTable(int Dimension, IReadOnlyList<DegreeRow> NoBias, IReadOnlyList<DegreeRow> Bias);

/// <summary>
/// report.json: the settings and, per sphere and bias, each degree's multiplicity, exact eigenvalue, Gram/n estimate
/// (null where the sample is too small to place the degree) and GD steps relative to degree 0 (null where the
/// eigenvalue is 0: never learned).
/// </summary>
internal static class Report
{
    /// <summary>Eigenvalues below this fraction of degree 0's are zero up to the quadrature's round-off.</summary>
    public const double ZeroFraction = 1e-10;

    public static string Write(string path, int samples, int maxDegree, int seed, IReadOnlyList<SphereTable> tables)
    {
        var document = new
        {
            run = RunStamp.Capture("SphereSpectra"),
            settings = new { samples, maxDegree, seed, dimensions = tables.Select(t => t.Dimension), kernel = "ReLU NTK, one hidden layer" },
            spheres = tables.Select(table => new
            {
                dimension = table.Dimension,
                noBias = Rows(table.NoBias),
                bias1 = Rows(table.Bias),
            }),
        };
        return ReportJson.Write(path, document);
    }

    private static IEnumerable<object> Rows(IReadOnlyList<DegreeRow> rows) => rows.Select(row => new
    {
        degree = row.Degree,
        multiplicity = row.Multiplicity,
        exact = IsZero(rows, row) ? 0 : row.Exact,
        estimate = row.Estimate,
        gdStepsRelativeToDegree0 = IsZero(rows, row) ? (double?)null : rows[0].Exact / row.Exact,
    });

    public static bool IsZero(IReadOnlyList<DegreeRow> rows, DegreeRow row) => Math.Abs(row.Exact) < ZeroFraction * rows[0].Exact;
}
