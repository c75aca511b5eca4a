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
return CommandLineRun.Invoke(CommandLine.Build(Measure), args);

static int Measure(Settings settings)
{
    var (samples, rank, dimension, testPoints, seed, repeats, output) = settings;
    var baseKernel = NetworkArchitecture.Relu(1, 1.0).Ntk();
    var targets = new[]
    {
        new SpectrumTarget("lambda_k (flatten top k)", (_, _, c) => c.LambdaK),
        new SpectrumTarget("lambda_1 * i^-2", (_, i, c) => c.Lambda1 * Math.Pow(i, -2)),
        new SpectrumTarget("lambda_1 * exp(-0.5 * (i - 1))", (_, i, c) => c.Lambda1 * Math.Exp(-0.5 * (i - 1))),
        new SpectrumTarget("sqrt(lambda)", (lambda, _, _) => Math.Sqrt(lambda)),
    };

    var test = Sphere.Sample(testPoints, dimension, seed: 12345);
    var products = test.TransposeAndMultiply(test);
    Console.WriteLine($"Base kernel: {baseKernel.Name} on S^{dimension - 1}; rank k = {rank}; error = ||MSK Gram - exact Gram||_F / ||exact Gram||_F on {testPoints} test points, mean of {repeats} samples per n.");
    Console.WriteLine();
    Console.WriteLine($"{"target",-34}" + string.Concat(samples.Select(n => $"{"n = " + n,12}")));

    var series = new List<Series>();
    var rows = new List<TargetErrors>();
    foreach (var target in targets)
    {
        ExactTargetKernel exact;
        try
        {
            exact = new ExactTargetKernel(baseKernel, dimension, target, rank, sampleCount: 1);
        }
        catch (ArgumentOutOfRangeException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }

        var exactGram = Matrix<double>.Build.Dense(test.RowCount, test.RowCount, (i, j) => exact.OnSphere(Math.Clamp(products[i, j], -1, 1)));
        var errors = new List<double>();
        foreach (var n in samples)
        {
            // The mean over independent samples, so the trend in n is not hidden by one draw.
            errors.Add(Enumerable.Range(0, repeats).Average(repeat =>
            {
                var x = Sphere.Sample(n, dimension, seed: seed + 7919 * repeat + n);
                var msk = ModifiedSpectrumKernel.Build(baseKernel, x, target, rank);
                return (msk.Gram(test) - exactGram).FrobeniusNorm() / exactGram.FrobeniusNorm();
            }));
        }

        Console.WriteLine($"{target.Description,-34}" + string.Concat(errors.Select(e => $"{e,12:0.000e+0}")));
        series.Add(new Series(target.Description, samples.Select(n => (double)n).ToArray(), errors));
        rows.Add(new TargetErrors(target.Description, errors));
    }

    var plot = Charts.Lines(Path.Combine(output, "msk-error-vs-n.png"),
        "MSK from n samples vs the exact target kernel", "n, samples the MSK is built from (log scale)", "relative error (log scale)", series, logX: true, logY: true);
    var report = Report.Write(Path.Combine(output, "report.json"), settings, baseKernel.Name, rows);
    Console.WriteLine();
    Console.WriteLine($"Report: {report}");
    Console.WriteLine($"Plot: {plot}");
    Console.WriteLine("Targets that depend on the index i treat the harmonics of one degree differently, yet which of them gets");
    Console.WriteLine("which index is decided by sampling noise; the exact kernel uses their mean, so those errors level off.");
    return 0;
}
