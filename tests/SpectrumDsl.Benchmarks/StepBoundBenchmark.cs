using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// A training step against its GEMM bound, in one process: the packed multiply's rate (n = 1920, and each of the
/// step's two products alone), then one GD step (forward X W^T, backward G^T X, descent) and its parts, on the
/// full batch (n = 2000, d = 100, width 10000), a mini-batch of the same network, and the main example's size
/// (n = 128 on the circle, width 8192) and the Fashion-MNIST example's (n = 10 000, d = 100, width 2048, 10 outputs). The bound is the step's GEMM flops divided by the n = 1920 rate.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/SpectrumDsl.Benchmarks -- step-bound [--repeats N]</c> prints a markdown
/// table of minimum wall times over N repeats (default 7) and the load average before and after. Minimum, not mean:
/// on a shared machine the minimum is the run least disturbed by other work. Not BenchmarkDotNet: a few seconds
/// instead of minutes, so two builds can be alternated.
/// </remarks>
internal static class StepBoundBenchmark
{
    public const string Command = "step-bound";

    public static int Run(string[] args)
    {
        var repeats = 7;
        VectorWidth? kernelWidth = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.", nameof(args));
            switch (args[i])
            {
                case "--repeats" when int.TryParse(value, CultureInfo.InvariantCulture, out repeats) && repeats >= 1:
                    break;
                case "--width" when Enum.TryParse<VectorWidth>(value, out var parsed) && Enum.IsDefined(parsed):
                    kernelWidth = parsed;
                    break;
                default:
                    throw new ArgumentException($"Bad option '{args[i]} {value}': use --repeats N (N >= 1) and --width Scalar|Vector256|Vector512.", nameof(args));
            }
        }

        using var scope = LinearAlgebraControl.Override(width: kernelWidth);
        Console.WriteLine($"{Environment.ProcessorCount} cores, width {LinearAlgebraControl.Width}, load {Load()}, minimum of {repeats}");
        Console.WriteLine("| measurement | wall ms | CPU ms (both threads) | GFLOP/s (wall) |");
        Console.WriteLine("|---|---|---|---|");

        var square = Square(1920, repeats);
        Report("multiply A B, n = 1920", square, 2.0 * 1920 * 1920 * 1920);
        // The multiply's rate, flops per second of wall time and of CPU time: the bounds below divide by these.
        var flops1920 = 2.0 * 1920 * 1920 * 1920;

        foreach (var (n, d, width, c, label) in new[]
                 {
                     (2000, 100, 10000, 1, "GD step n 2000, d 100, width 10000"), (256, 100, 10000, 1, "mini-batch step b 256, d 100, width 10000"),
                     (128, 2, 8192, 1, "main example n 128, d 2, width 8192"), (10000, 100, 2048, 10, "Fashion-MNIST n 10000, d 100, width 2048, c 10"),
                 })
        {
            var step = new StepParts(n, d, width, c);
            // Forward X W^T and backward G^T X, then the output layer's three products (a W2^T, s^T a, s W2) with c columns.
            var gemmFlops = 2.0 * 2 * n * d * width + 3 * 2.0 * n * width * c;
            if (d >= 16)
            {
                Report($"  X W^T alone ({n} x {width} x {d})", Time(repeats, step.ForwardProduct), 2.0 * n * d * width);
                Report($"  G^T X alone ({width} x {d} x {n})", Time(repeats, step.GradientProduct), 2.0 * n * d * width);
                Report($"  X W^T with scale, shift and ReLU", Time(repeats, step.FusedForwardProduct), 2.0 * n * d * width);
            }

            foreach (var (part, action) in step.Passes())
            {
                Report($"  {part}", Time(repeats, action), 0);
            }

            Report($"  forward", Time(repeats, step.Forward), 0);
            Report($"  backward", Time(repeats, step.Backward), 0);
            var total = Time(repeats, step.Step);
            Report(label, total, gemmFlops);
            if (d >= 16)
            {
                var bound = new Timing(gemmFlops / flops1920 * square.Wall, gemmFlops / flops1920 * square.Cpu);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"|   bound = GEMM flops / multiply rate; step / bound | {bound.Wall * 1e3:F1}; {total.Wall / bound.Wall:F2} | {bound.Cpu * 1e3:F1}; {total.Cpu / bound.Cpu:F2} | |"));
            }
        }

        Console.WriteLine($"load after: {Load()}");
        return 0;
    }

    private sealed class StepParts
    {
        private readonly FullyConnectedNetwork _network;
        private readonly NetworkWorkspace _workspace;
        private readonly Matrix<double> _x, _pre, _signalT, _gradient, _weightsT, _outputWeights, _outputGradient;
        private readonly double[] _residual, _shift;

        public StepParts(int n, int d, int width, int outputs)
        {
            _x = Sphere.Sample(n, d, seed: 1);
            _network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(1, 1.0), d, width, seed: 2, outputs);
            _workspace = _network.CreateWorkspace(n);
            var rng = new Random(3);
            _residual = Enumerable.Range(0, n * outputs).Select(_ => rng.NextDouble() - 0.5).ToArray();
            _weightsT = DenseMatrix.Create(width, d, (_, _) => rng.NextDouble() - 0.5);
            _pre = new DenseMatrix(n, width);
            _signalT = DenseMatrix.Create(n, width, (_, _) => rng.NextDouble() - 0.5);
            _gradient = new DenseMatrix(width, d);
            _outputWeights = DenseMatrix.Create(outputs, width, (_, _) => rng.NextDouble() - 0.5);
            _outputGradient = new DenseMatrix(outputs, width);
            _shift = Enumerable.Range(0, width).Select(_ => rng.NextDouble() - 0.5).ToArray();
            Step();
        }

        // The step's passes over the n x width hidden layer besides its two GEMMs, each on the buffers the step uses.
        public IEnumerable<(string Label, Action Run)> Passes()
        {
            var pre = _workspace.PreActivations[0];
            var activations = _workspace.Activations[0];
            var signal = _workspace.Signals[0];
            var outputSignal = _workspace.Signals[1];
            yield return ("relu a = max(h, 0)", () => Activations.Apply(Activation.Relu, NetworkMath.Data(pre), NetworkMath.Data(activations)));
            yield return ("output a w^T (thin)", () => NetworkMath.MultiplyTransposedInto(activations, _outputWeights, _workspace.PreActivations[1]));
            yield return ("output gradient s^T a (thin)", () => NetworkMath.TransposeAndMultiplyInto(outputSignal, activations, _outputGradient));
            yield return ("signal s w (outer)", () => NetworkMath.MultiplyInto(outputSignal, _outputWeights, signal));
            yield return ("relu' g = phi'(h) g", () => Activations.MultiplyDerivative(Activation.Relu, NetworkMath.Data(pre), NetworkMath.Data(signal), 1.0));
        }

        public void ForwardProduct() => FastLinearAlgebra.MultiplyTransposedInto(_x, _weightsT, _pre);

        public void FusedForwardProduct() =>
            FastLinearAlgebra.AffineMultiplyTransposedInto(_x, _weightsT, 0.01, 1.0, _shift, _workspace.Activations[0], _pre);

        public void GradientProduct() => FastLinearAlgebra.TransposeAndMultiplyInto(_signalT, _x, _gradient);

        public void Forward() => _network.Forward(_workspace, _x);

        public void Backward() => _network.Backward(_workspace, _x, _residual, gradients: true);

        public void Step()
        {
            _network.Forward(_workspace, _x);
            _network.Backward(_workspace, _x, _residual, gradients: true);
            _network.Descend(_workspace, 1e-9);
        }
    }

    /// <summary>The packed multiply's rate on n = 1920, flops per second of wall time (the minimum time over the repeats).</summary>
    internal static double MultiplyRate(int repeats) => 2.0 * 1920 * 1920 * 1920 / Square(1920, repeats).Wall;

    private static Timing Square(int n, int repeats)
    {
        var rng = new Random(1);
        var a = DenseMatrix.Create(n, n, (_, _) => rng.NextDouble() - 0.5);
        var b = DenseMatrix.Create(n, n, (_, _) => rng.NextDouble() - 0.5);
        var c = new DenseMatrix(n, n);
        return Time(repeats, () => FastLinearAlgebra.MultiplyInto(a, b, c));
    }

    /// <summary>The minimum over the timed calls of the wall time and, separately, of the process's CPU time (both threads), in seconds.</summary>
    /// <remarks>
    /// One warm-up call first (JIT, packing buffers, worker threads). On a machine shared with other work the CPU time
    /// is the steadier of the two: wall time also counts the time other processes held the cores.
    /// </remarks>
    private static Timing Time(int repeats, Action action)
    {
        action();
        var process = Process.GetCurrentProcess();
        double wall = double.MaxValue, cpu = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            wall = Math.Min(wall, watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuStart).TotalSeconds);
        }

        return new Timing(wall, cpu);
    }

    private readonly record struct Timing(double Wall, double Cpu);

    private static void Report(string label, Timing t, double flops) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {t.Wall * 1e3:F1} | {t.Cpu * 1e3:F1} | {(flops > 0 ? (flops / t.Wall / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "")} |"));

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";
}
