using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using KernelDesign;
using SpectrumDsl;
using SpectrumDsl.Data;
using SpectrumDsl.Examples;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;

// Kernels whose eigenvalues we choose, for which no closed form is known: on the sphere the
// exact target kernel is a Gegenbauer series, so the MSK built from n random samples can be
// measured against it. Prints and plots the relative error on test points against n.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var settings = Settings.Parse(args);
if (settings is null)
{
    return 2;
}

var baseKernel = new ReluNtkKernel(1, 1.0);
var targets = new[]
{
    new SpectrumTarget("lambda_k (flatten top k)", (_, _, c) => c.LambdaK),
    new SpectrumTarget("lambda_1 * i^-2", (_, i, c) => c.Lambda1 * Math.Pow(i, -2)),
    new SpectrumTarget("lambda_1 * exp(-0.5 * (i - 1))", (_, i, c) => c.Lambda1 * Math.Exp(-0.5 * (i - 1))),
    new SpectrumTarget("sqrt(lambda)", (lambda, _, _) => Math.Sqrt(lambda)),
};

var test = Sphere.Sample(settings.TestPoints, settings.Dimension, seed: 12345);
var products = test.TransposeAndMultiply(test);
Console.WriteLine($"Base kernel: {baseKernel.Name} on S^{settings.Dimension - 1}; rank k = {settings.Rank}; error = ||MSK Gram - exact Gram||_F / ||exact Gram||_F on {settings.TestPoints} test points, mean of {settings.Repeats} samples per n.");
Console.WriteLine();
Console.WriteLine($"{"target",-34}" + string.Concat(settings.Samples.Select(n => $"{"n = " + n,12}")));

var series = new List<Series>();
foreach (var target in targets)
{
    var exact = new ExactTargetKernel(baseKernel, settings.Dimension, target, settings.Rank, sampleCount: 1);
    var exactGram = Matrix<double>.Build.Dense(test.RowCount, test.RowCount, (i, j) => exact.OnSphere(Math.Clamp(products[i, j], -1, 1)));
    var errors = new List<double>();
    foreach (var n in settings.Samples)
    {
        // The mean over independent samples, so the trend in n is not hidden by one draw.
        errors.Add(Enumerable.Range(0, settings.Repeats).Average(repeat =>
        {
            var x = Sphere.Sample(n, settings.Dimension, seed: settings.Seed + 7919 * repeat + n);
            var msk = ModifiedSpectrumKernel.Build(baseKernel, x, target, settings.Rank);
            return (msk.Gram(test) - exactGram).FrobeniusNorm() / exactGram.FrobeniusNorm();
        }));
    }

    Console.WriteLine($"{target.Description,-34}" + string.Concat(errors.Select(e => $"{e,12:0.000e+0}")));
    series.Add(new Series(target.Description, settings.Samples.Select(n => (double)n).ToArray(), errors));
}

var plot = Charts.Lines(Path.Combine(settings.Output, "msk-error-vs-n.png"),
    "MSK from n samples vs the exact target kernel", "n (log10)", "relative error (log10)", series, logX: true, logY: true);
Console.WriteLine();
Console.WriteLine($"Plot: {plot}");
Console.WriteLine("Targets that depend on the index i treat the harmonics of one degree differently, yet which of them gets");
Console.WriteLine("which index is decided by sampling noise; the exact kernel uses their mean, so those errors level off.");
return 0;
