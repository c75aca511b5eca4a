using System.Globalization;
using SpectrumDsl.Kernels;
using SphereSpectra;

// Spectral bias in numbers: the ReLU NTK's eigenvalue per spherical-harmonic degree, exact
// (Funk-Hecke) and estimated from random points, and how many more gradient-descent steps
// each degree needs than degree 0 (steps scale like 1 / lambda_k).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

Console.WriteLine($"ReLU NTK, one hidden layer; estimates from the Gram/n eigenvalues of n = {options.Samples} uniform points (seed {options.Seed}).");
foreach (var dimension in options.Dimensions)
{
    var plain = SpectrumTable.Build(new ReluNtkKernel(1, 0.0), dimension, options.MaxDegree, options.Samples, options.Seed);
    var biased = SpectrumTable.Build(new ReluNtkKernel(1, 1.0), dimension, options.MaxDegree, options.Samples, options.Seed);
    Console.WriteLine();
    Console.WriteLine($"S^{dimension - 1} (d = {dimension})");
    Console.WriteLine($"{"degree",6} {"mult",6} | {"no bias: exact",15} {"Gram/n",11} {"GD steps x",11} | {"bias 1: exact",14} {"Gram/n",11} {"GD steps x",11}");
    for (var k = 0; k <= options.MaxDegree; k++)
    {
        Console.WriteLine($"{k,6} {plain[k].Multiplicity,6} | {Cells(plain, k)} | {Cells(biased, k)}");
    }
}

Console.WriteLine();
Console.WriteLine("GD steps x = lambda_0 / lambda_k: how many times longer gradient descent needs to fit degree k than degree 0.");
Console.WriteLine("Without bias the odd degrees >= 3 have eigenvalue 0: a bias-free one-layer network never learns them.");
return 0;

static string Cells(IReadOnlyList<DegreeRow> rows, int k)
{
    var row = rows[k];
    var zero = Math.Abs(row.Exact) < 1e-10 * rows[0].Exact;
    var exact = zero ? "0" : row.Exact.ToString("0.000000e+0", CultureInfo.InvariantCulture);
    var estimate = row.Estimate?.ToString("0.0000e+0", CultureInfo.InvariantCulture) ?? "-";
    var steps = zero ? "never" : (rows[0].Exact / row.Exact).ToString("0.#", CultureInfo.InvariantCulture);
    return $"{exact,15} {estimate,11} {steps,11}";
}
