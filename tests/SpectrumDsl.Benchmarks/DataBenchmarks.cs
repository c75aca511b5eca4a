using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;

namespace SpectrumDsl.Benchmarks;

/// <summary>
/// Reading the 60 000 Fashion-MNIST training images (47 MB of pixels, 376 MB as doubles), gzip as shipped
/// and decompressed. Needs the Debian package: <c>apt-get install -y dataset-fashion-mnist</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class IdxReadBenchmarks
{
    private const string Compressed = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    private string _plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists(Compressed))
        {
            throw new FileNotFoundException($"{Compressed} is missing; install it with `apt-get install -y dataset-fashion-mnist`.", Compressed);
        }

        _plain = Path.Combine(Path.GetTempPath(), "spectrumdsl-bench-train-images-idx3-ubyte");
        using var source = new GZipStream(File.OpenRead(Compressed), CompressionMode.Decompress);
        using var target = File.Create(_plain);
        source.CopyTo(target);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_plain);

    [Benchmark]
    public Matrix<double> FashionMnistTrainImagesGzip() => Idx.ReadImages(Compressed);

    [Benchmark]
    public Matrix<double> FashionMnistTrainImagesPlain() => Idx.ReadImages(_plain);
}
