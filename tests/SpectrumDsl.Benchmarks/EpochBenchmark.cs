using System.Diagnostics;
using System.Globalization;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// One mini-batch epoch through the trainer against its GEMM bound, at the full Fashion-MNIST shape by default
/// (n = 60 000, d = 784, width 4096, 10 outputs, batches of 4000, Nystrom path with s = 4000, k = 200): the second
/// of two epochs (the first warms up), timed between the trainer's records. An epoch is ceil(n / b) steps, each a
/// forward X_B W^T and backward G^T X_B (PGD adds the same two products on the s subsample points for its
/// correction), and one forward pass over the whole training set for the residual the trainer checks every
/// epoch. The bound is those GEMM flops divided by the packed multiply's rate at n = 1920 in the same process.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/SpectrumDsl.Benchmarks -- epoch [--train N] [--dimension D] [--width M]
/// [--outputs C] [--batch-size B] [--rank K] [--subsample S] [--optimizers GD,PGD]</c> prints a markdown table
/// (setup and its slowest parts, epoch, bound, ratio, peak working set so far).
/// </remarks>
internal static class EpochBenchmark
{
    public const string Command = "epoch";

    public static int Run(string[] args)
    {
        int Int(string name, int fallback) => Option(args, name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{name} {text}: expected a positive integer.", nameof(args))
            : fallback;

        var (n, d, width, outputs) = (Int("--train", 60000), Int("--dimension", 784), Int("--width", 4096), Int("--outputs", 10));
        var (batch, rank, subsample) = (Int("--batch-size", 4000), Int("--rank", 200), Int("--subsample", 4000));
        var optimizers = (Option(args, "--optimizers") ?? "GD,PGD").Split(',')
            .Select(name => name.Trim().ToUpperInvariant() switch
            {
                "GD" => Optimizer.GradientDescent,
                "PGD" => Optimizer.Preconditioned,
                var other => throw new ArgumentException($"--optimizers {other}: expected GD or PGD.", nameof(args)),
            }).ToArray();

        var rate = StepBoundBenchmark.MultiplyRate(repeats: 5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, load {StepBoundBenchmark.Load()}; multiply rate {rate / 1e9:F1} GFLOP/s (n = 1920); n {n}, d {d}, width {width}, c {outputs}, batch {batch}, k {rank}, s {subsample}"));
        Console.WriteLine("| run | setup s | slowest setup parts | epoch s | epoch GEMM GFLOP | bound s | epoch / bound | peak working set GB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var x = Sphere.Sample(n, d, seed: 1);
        var random = new Random(2);
        var labels = Enumerable.Range(0, n).Select(_ => random.Next(outputs)).ToArray();
        var stepsPerEpoch = (n + batch - 1) / batch;
        foreach (var optimizer in optimizers)
        {
            var config = new TrainerConfig
            {
                Width = width,
                Architecture = NetworkArchitecture.Relu(1, 1.0),
                Optimizer = optimizer,
                Rank = rank,
                Subsample = subsample,
                Path = TrainingPath.Nystrom,
                BatchSize = batch,
                Steps = 2 * stepsPerEpoch,
                RecordInterval = stepsPerEpoch,
                Tolerance = 1e-9,
                Seed = 1,
            };
            var clock = Stopwatch.StartNew();
            var result = new Trainer(config).Run(x, labels);
            var setup = clock.Elapsed.TotalSeconds - result.Records[^1].Elapsed.TotalSeconds;
            var epoch = (result.Records[^1].Elapsed - result.Records[^2].Elapsed).TotalSeconds;
            var pgd = optimizer == Optimizer.Preconditioned;
            // Per step: X_B W^T and G^T X_B (2 b d m each) and the output layer's three thin products (2 b m c each);
            // PGD's correction the same on s points; per epoch one forward over the n training points.
            double StepFlops(int rows) => 2.0 * 2 * rows * d * width + 3 * 2.0 * rows * width * outputs;
            var flops = stepsPerEpoch * (StepFlops(batch) + (pgd ? StepFlops(subsample) : 0)) + 2.0 * n * d * width + 2.0 * n * width * outputs;
            var bound = flops / rate;
            var slowest = string.Join(", ", result.SetupPhases.OrderByDescending(phase => phase.Seconds).Take(3)
                .Select(phase => string.Create(CultureInfo.InvariantCulture, $"{phase.Name} {phase.Seconds:F1}")));
            using var self = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(pgd ? "PGD" : "GD")} | {setup:F1} | {slowest} | {epoch:F2} | {flops / 1e9:F0} | {bound:F2} | {epoch / bound:F2} | {self.PeakWorkingSet64 / 1e9:F2} |"));
        }

        Console.WriteLine($"load after: {StepBoundBenchmark.Load()}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
