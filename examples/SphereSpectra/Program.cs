using System.CommandLine;
using System.Globalization;
using SpectrumDsl.Examples;
using SpectrumDsl.Kernels;
using SphereSpectra;

// Spectral bias in numbers: the ReLU NTK's eigenvalue per spherical-harmonic degree, exact
// (Funk-Hecke) and estimated from random points, and how many more gradient-descent steps
// each degree needs than degree 0 (steps scale like 1 / lambda_k).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var samples = CommandLineOptions.AtLeast("--samples", 1000, 50, "Random points for the Gram/n estimates (>= 50).");
var maxDegree = CommandLineOptions.AtLeast("--max-degree", 10, 0, "Highest spherical-harmonic degree in the table (>= 0).");
var seed = new Option<int>("--seed") { Description = "Seed of the random points.", DefaultValueFactory = _ => 1 };
var dims = CommandLineOptions.IntegerList("--dims", "2,3", 2, "Dimensions d of the spheres S^(d-1), comma separated (each >= 2).");
var output = new Option<string>("--out") { Description = "Folder for report.json.", DefaultValueFactory = _ => Path.Combine("results", "sphere-spectra") };
var command = new RootCommand("Spectral bias in numbers: exact ReLU NTK eigenvalues per spherical-harmonic degree, Gram/n estimates, and relative GD steps.")
{
    samples, maxDegree, seed, dims, output,
};
command.SetAction(parse => Print(parse.GetValue(samples), parse.GetValue(maxDegree), parse.GetValue(seed),
    CommandLineOptions.ParseIntegers(parse.GetValue(dims)!, 2)!, parse.GetValue(output)!));
return CommandLineRun.Invoke(command, args);

static int Print(int samples, int maxDegree, int seed, int[] dimensions, string output)
{
    var tables = new List<SphereTable>();
    Console.WriteLine($"ReLU NTK, one hidden layer; estimates from the Gram/n eigenvalues of n = {samples} uniform points (seed {seed}).");
    foreach (var dimension in dimensions)
    {
        var plain = SpectrumTable.Build(NetworkArchitecture.Relu(1, 0.0).Ntk(), dimension, maxDegree, samples, seed);
        var biased = SpectrumTable.Build(NetworkArchitecture.Relu(1, 1.0).Ntk(), dimension, maxDegree, samples, seed);
        tables.Add(new SphereTable(dimension, plain, biased));
        Console.WriteLine();
        Console.WriteLine($"S^{dimension - 1} (d = {dimension})");
        Console.WriteLine($"{"degree",6} {"mult",6} | {"no bias: exact",15} {"Gram/n",11} {"GD steps x",11} | {"bias 1: exact",14} {"Gram/n",11} {"GD steps x",11}");
        for (var k = 0; k <= maxDegree; k++)
        {
            Console.WriteLine($"{k,6} {plain[k].Multiplicity,6} | {Cells(plain, k)} | {Cells(biased, k)}");
        }
    }

    Console.WriteLine();
    Console.WriteLine("GD steps x = lambda_0 / lambda_k: how many times longer gradient descent needs to fit degree k than degree 0.");
    Console.WriteLine("Without bias the odd degrees >= 3 have eigenvalue 0: a bias-free one-layer network never learns them.");
    Directory.CreateDirectory(output);
    Console.WriteLine($"Report: {Report.Write(Path.Combine(output, "report.json"), samples, maxDegree, seed, tables)}");
    return 0;
}

static string Cells(IReadOnlyList<DegreeRow> rows, int k)
{
    var row = rows[k];
    var zero = Report.IsZero(rows, row);
    var exact = zero ? "0" : row.Exact.ToString("0.000000e+0", CultureInfo.InvariantCulture);
    var estimate = row.Estimate?.ToString("0.0000e+0", CultureInfo.InvariantCulture) ?? "-";
    var steps = zero ? "never" : (rows[0].Exact / row.Exact).ToString("0.#", CultureInfo.InvariantCulture);
    return $"{exact,15} {estimate,11} {steps,11}";
}
