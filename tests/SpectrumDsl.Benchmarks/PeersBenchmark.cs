using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// The project's speed against its peers, side by side in one run: the packed GEMM, the NTK Gram, top-k and full
/// eigendecompositions and a GD and PGD training step, each timed here and then, on the same shapes and the same
/// points (written to a folder the script reads), by numpy/OpenBLAS, scipy (ARPACK, LAPACK dsyevd) and PyTorch
/// (float32 and float64) through peers.py with Debian's python3. Prints the machine's measured FMA peak beside the
/// GEMM rates and a markdown table of both times and their ratio.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/SpectrumDsl.Benchmarks -- peers [--out FILE] [--repeats N]</c>; the
/// wrapper script <c>tests/SpectrumDsl.Benchmarks/peers</c> runs exactly that. peers.py loads OpenBLAS
/// (libopenblas0-pthread) through LD_LIBRARY_PATH when the system's BLAS is another, says which Python package is
/// missing and skips its rows. Times are the minimum wall time over the repeats after one warm-up call, as in
/// <see cref="StepBoundBenchmark"/>: on a shared machine the least disturbed call.
/// </remarks>
internal static class PeersBenchmark
{
    public const string Command = "peers";

    /// <summary>Where Debian's libopenblas0-pthread puts its libblas.so.3 and liblapack.so.3.</summary>
    private const string OpenBlasFolder = "/usr/lib/x86_64-linux-gnu/openblas-pthread";

    public static int Run(string[] args)
    {
        var repeats = int.TryParse(Option(args, "--repeats") ?? "3", NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r >= 1
            ? r
            : throw new ArgumentException($"--repeats {Option(args, "--repeats")}: expected an integer >= 1.", nameof(args));
        var output = Option(args, "--out");
        var python = Option(args, "--python") ?? "/usr/bin/python3";
        var folder = Directory.CreateTempSubdirectory("spectrumdsl-peers-").FullName;
        var threads = Environment.ProcessorCount;
        var loadBefore = StepBoundBenchmark.Load();
        Console.WriteLine($"{threads} cores, load {loadBefore}; SpectrumDsl first, then peers.py on the same shapes and points ({folder})");

        var (peak, width) = FmaPeak.Measure(threads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FMA peak ({width}, {threads} threads): {peak / 1e9:F1} GFLOP/s"));
        var own = new JsonObject();
        var eigen = new JsonObject();
        Measure(own, eigen, folder, repeats);
        File.WriteAllText(Path.Combine(folder, "spectrumdsl.json"), new JsonObject { ["times"] = own, ["eigenvalues"] = eigen }.ToJsonString());

        var peers = RunPeers(python, folder, threads);
        var table = Table(own, peers, peak, width, threads, loadBefore);
        Console.WriteLine();
        Console.WriteLine(table);
        if (output is not null)
        {
            File.WriteAllText(output, table);
            Console.WriteLine($"written to {output}");
        }

        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static void Measure(JsonObject own, JsonObject eigen, string folder, int repeats)
    {
        var rng = new Random(1);
        var a = DenseMatrix.Create(1920, 1920, (_, _) => rng.NextDouble() - 0.5);
        var b = DenseMatrix.Create(1920, 1920, (_, _) => rng.NextDouble() - 0.5);
        var c = new DenseMatrix(1920, 1920);
        own["gemm"] = Time(repeats + 2, () => FastLinearAlgebra.MultiplyInto(a, b, c));
        Report("GEMM n = 1920", own["gemm"]);

        var kernel = NetworkArchitecture.Relu(2, 1.0).Ntk();
        var x5000 = Sphere.Sample(5000, 100, seed: 1);
        Save(folder, "x5000", x5000);
        own["ntkGram"] = Time(repeats, () => kernel.Gram(x5000));
        Report("NTK Gram n = 5000, d = 100", own["ntkGram"]);

        var x10000 = Sphere.Sample(10000, 20, seed: 1);
        Save(folder, "x10000", x10000);
        var gram10000 = kernel.Gram(x10000);
        EigenDecomposition? top = null;
        own["top20"] = Time(repeats, () => top = EigenSolver.Top(gram10000, 20));
        eigen["top20"] = new JsonArray(top!.Values.Select(v => (JsonNode)v).ToArray());
        Report("top-20 eigenpairs, n = 10000", own["top20"]);
        own["top100"] = Time(Math.Max(1, repeats - 1), () => top = EigenSolver.Top(gram10000, 100));
        eigen["top100"] = new JsonArray(top!.Values.Select(v => (JsonNode)v).ToArray());
        Report("top-100 eigenpairs, n = 10000", own["top100"]);
        gram10000 = null!;

        var x2000 = Sphere.Sample(2000, 20, seed: 1);
        Save(folder, "x2000", x2000);
        var gram2000 = kernel.Gram(x2000);
        own["eigh"] = Time(Math.Max(1, repeats - 1), () => EigenSolver.Full(gram2000));
        own["eighBackend"] = SymmetricEigen.BackendDescription;
        Report("all eigenpairs, n = 2000", own["eigh"]);

        var step = new TrainingStepBenchmarks();
        step.Setup();
        own["gdStep"] = Time(repeats + 2, step.GdStep);
        Report("GD step n = 2000, d = 100, width 10000", own["gdStep"]);
        own["pgdStep"] = Time(repeats + 2, step.PgdStep);
        Report("PGD step, same, k = 100", own["pgdStep"]);
    }

    private static JsonNode? RunPeers(string python, string folder, int threads)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers.py");
        if (!File.Exists(python))
        {
            Console.WriteLine($"{python} not found: install python3 (and python3-numpy, python3-scipy, python3-torch) for the peers' columns.");
            return null;
        }

        var start = new ProcessStartInfo(python, [script, folder, threads.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false };
        if (File.Exists(Path.Combine(OpenBlasFolder, "libblas.so.3")))
        {
            // numpy and scipy load libblas.so.3 / liblapack.so.3; this makes them OpenBLAS for the child only.
            start.Environment["LD_LIBRARY_PATH"] = OpenBlasFolder;
        }

        using var child = Process.Start(start)!;
        child.WaitForExit();
        var result = Path.Combine(folder, "peers.json");
        return child.ExitCode == 0 && File.Exists(result) ? JsonNode.Parse(File.ReadAllText(result)) : null;
    }

    private static string Table(JsonObject own, JsonNode? peers, double peak, string width, int threads, string loadBefore)
    {
        var times = peers?["times"]?.AsObject() ?? new JsonObject();
        string Peer(string key) => times[key] is JsonNode node ? Seconds((double)node) : "skipped";
        string Ratio(string key, string ownKey) => times[key] is JsonNode node ? $"{(double)node / (double)own[ownKey]!:F2}" : "-";
        var gemmRate = 2.0 * 1920 * 1920 * 1920 / (double)own["gemm"]!;
        var numpyRate = times["gemm"] is JsonNode g ? $"{2.0 * 1920 * 1920 * 1920 / (double)g / 1e9:F1} GFLOP/s" : "skipped";
        var lines = new List<string>
        {
            $"* Machine: {Cpu()}, {threads} cores; load average {loadBefore} before, {StepBoundBenchmark.Load()} after.",
            $"* FMA peak, measured ({width} FMA chains on {threads} threads): {peak / 1e9:F1} GFLOP/s. "
            + $"SpectrumDsl's packed GEMM at n = 1920: {gemmRate / 1e9:F1} GFLOP/s ({100 * gemmRate / peak:F0} % of the peak); numpy/OpenBLAS: {numpyRate}.",
            $"* Peers: {peers?["versions"]?.ToJsonString() ?? "none ran"}; BLAS loaded by numpy: {peers?["blas"]?.GetValue<string>() ?? "-"}; PyTorch threads: {peers?["torchThreads"]?.ToJsonString() ?? "-"}.",
        };
        if (peers?["missing"] is JsonArray missing && missing.Count > 0)
        {
            lines.Add($"* Skipped (not installed): {string.Join(", ", missing.Select(m => m!.GetValue<string>()))}.");
        }

        if (peers?["checks"] is JsonObject checks)
        {
            lines.Add($"* Same problem: largest relative difference of the eigenvalues, SpectrumDsl against the peer: {string.Join(", ", checks.Select(c => $"{c.Key} {(double)c.Value!:G2}"))}.");
        }

        lines.Add("");
        lines.Add("| operation, shape | SpectrumDsl | peer | peer's time | peer / SpectrumDsl |");
        lines.Add("|---|---|---|---|---|");
        void Row(string operation, string ownKey, string peer, string key) =>
            lines.Add($"| {operation} | {Seconds((double)own[ownKey]!)} | {peer} | {Peer(key)} | {Ratio(key, ownKey)} |");
        Row("dense multiply C = A B, n = 1920, float64", "gemm", "numpy `a @ b` (OpenBLAS)", "gemm");
        Row("NTK Gram, n = 5000, d = 100, depth 2, bias 1", "ntkGram", "numpy (X X^T, arc-cosine recursion)", "ntkGram");
        Row("top-20 eigenpairs of the n = 10 000 NTK Gram (d = 20)", "top20", "scipy `eigsh` (ARPACK)", "top20");
        Row("top-100 eigenpairs, same Gram", "top100", "scipy `eigsh` (ARPACK)", "top100");
        Row($"all eigenpairs, n = 2000 (SpectrumDsl: {own["eighBackend"]!.GetValue<string>().Split(';')[0]})", "eigh", "scipy `eigh`, driver evd (OpenBLAS dsyevd)", "eigh");
        Row("GD step, n = 2000, d = 100, width 10 000, float64", "gdStep", "PyTorch float64", "torchGd64");
        Row("GD step, same", "gdStep", "PyTorch float32", "torchGd32");
        Row("PGD step (k = 100), same, float64", "pgdStep", "PyTorch float64", "torchPgd64");
        Row("PGD step, same", "pgdStep", "PyTorch float32", "torchPgd32");
        return string.Join('\n', lines) + "\n";
    }

    private static string Seconds(double seconds) => seconds >= 1
        ? seconds.ToString("0.00 's'", CultureInfo.InvariantCulture)
        : (seconds * 1e3).ToString("0.0 'ms'", CultureInfo.InvariantCulture);

    private static void Report(string label, JsonNode? seconds) => Console.WriteLine($"  {label}: {Seconds((double)seconds!)}");

    /// <summary>The minimum wall time of <paramref name="repeats"/> calls after one warm-up call.</summary>
    private static double Time(int repeats, Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    // Row-major float64, the layout numpy.fromfile reads; the shape goes in the file name's JSON companion.
    private static void Save(string folder, string name, Matrix<double> x)
    {
        using (var file = new BinaryWriter(File.Create(Path.Combine(folder, name + ".f64"))))
        {
            for (var i = 0; i < x.RowCount; i++)
            {
                for (var j = 0; j < x.ColumnCount; j++)
                {
                    file.Write(x[i, j]);
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(new[] { x.RowCount, x.ColumnCount }));
    }

    private static string Cpu()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? "unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
