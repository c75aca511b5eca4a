using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// Setup time, step time and peak memory of a PGD training run against n on both paths (docs/design.md#scale).
/// Every (path, n) runs in a fresh process, because a process's peak working set only grows: one process per
/// measurement is the only way the peak belongs to that measurement. Points are uniform on S^(d-1) (S^9 by default),
/// the label a degree-1 plus a degree-2 harmonic, the network one hidden ReLU layer with bias 1.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/SpectrumDsl.Benchmarks -- scale</c> prints a markdown table;
/// <c>--sizes</c>, <c>--paths</c>, <c>--exact-limit</c>, <c>--width</c>, <c>--rank</c>, <c>--subsample</c>,
/// <c>--steps</c>, <c>--dimension</c> change the defaults below. Not BenchmarkDotNet: one long run per size says more
/// than repeated short ones, and BenchmarkDotNet cannot report a peak working set.
/// </remarks>
internal static class ScaleBenchmark
{
    public const string Command = "scale";
    private const string ChildFlag = "--child";

    private sealed record Settings(int[] Sizes, TrainingPath[] Paths, int ExactLimit, int Width, int Rank, int Subsample, int Steps, int Dimension);

    private sealed record Measurement(int N, string Path, double SetupSeconds, double StepSeconds, long PeakWorkingSetBytes, int Subsample);

    public static int Run(string[] args)
    {
        var settings = Parse(args.Where(a => a != ChildFlag).ToArray());
        if (args.Contains(ChildFlag))
        {
            Console.WriteLine(JsonSerializer.Serialize(Measure(settings, settings.Sizes.Single(), settings.Paths.Single())));
            return 0;
        }

        Console.WriteLine($"| path | n | setup s | step s | peak working set GB |   ({Environment.ProcessorCount} cores, load {Load()}, width {settings.Width}, k {settings.Rank}, s {settings.Subsample}, d {settings.Dimension})");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var path in settings.Paths)
        {
            foreach (var n in settings.Sizes.Where(n => path != TrainingPath.Exact || n <= settings.ExactLimit))
            {
                var m = RunChild(args, n, path);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {m.Path} | {m.N} | {m.SetupSeconds:F1} | {m.StepSeconds:F3} | {m.PeakWorkingSetBytes / 1e9:F2} |"));
            }
        }

        return 0;
    }

    private static Measurement RunChild(string[] args, int n, TrainingPath path)
    {
        var childArgs = WithoutOptions(args, "--sizes", "--paths").Concat([ChildFlag, "--sizes", n.ToString(CultureInfo.InvariantCulture), "--paths", path.ToString()]);
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        start.ArgumentList.Add(Command);
        foreach (var a in childArgs)
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {path} run at n = {n} failed with exit code {child.ExitCode}: {output}");
        }

        return JsonSerializer.Deserialize<Measurement>(output.Trim().Split('\n')[^1])!;
    }

    // The child gets one size and one path: the parent's lists are dropped, every other option is passed on.
    private static IEnumerable<string> WithoutOptions(string[] args, params string[] names)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (names.Contains(args[i]))
            {
                i++;
            }
            else
            {
                yield return args[i];
            }
        }
    }

    private static Measurement Measure(Settings settings, int n, TrainingPath path)
    {
        var x = Sphere.Sample(n, settings.Dimension, seed: 1);
        var d = settings.Dimension;
        var y = Vector<double>.Build.Dense(n, i => Math.Sqrt(d) * x[i, 0] + d * x[i, 1] * x[i, 2]);
        var config = new TrainerConfig
        {
            Width = settings.Width,
            Architecture = NetworkArchitecture.Relu(1, 1.0),
            Optimizer = Optimizer.Preconditioned,
            Rank = settings.Rank,
            Steps = settings.Steps,
            RecordInterval = 1,
            Tolerance = 1e-9,
            Path = path,
            Subsample = Math.Min(settings.Subsample, n),
            Seed = 1,
        };

        var clock = Stopwatch.StartNew();
        var result = new Trainer(config).Run(x, y);
        var total = clock.Elapsed.TotalSeconds;
        var loop = result.Records[^1].Elapsed.TotalSeconds;
        var steps = (result.Records[^1].Elapsed - result.Records[0].Elapsed).TotalSeconds / Math.Max(1, result.StepsTaken);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new Measurement(n, result.Path.ToString().ToLowerInvariant(), total - loop, steps, self.PeakWorkingSet64, result.Subsample ?? n);
    }

    private static Settings Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Value(name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{name} {text}: expected a positive integer.")
            : fallback;

        var sizes = (Value("--sizes") ?? "2000,5000,10000,20000,60000,100000").Split(',')
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var paths = (Value("--paths") ?? "Exact,Nystrom").Split(',').Select(p => Enum.Parse<TrainingPath>(p, ignoreCase: true)).ToArray();
        return new Settings(sizes, paths, Int("--exact-limit", 20000), Int("--width", 1024), Int("--rank", 65), Int("--subsample", 4000), Int("--steps", 3), Int("--dimension", 10));
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
