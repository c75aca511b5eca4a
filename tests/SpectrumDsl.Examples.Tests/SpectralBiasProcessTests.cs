namespace SpectrumDsl.Examples.Tests;

/// <summary>What SpectralBias prints in plain mode and with --verbose, run as a process on tiny settings (about a second).</summary>
public sealed class SpectralBiasProcessTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("example-spectral-bias-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private ExampleProcess Run(params string[] extra) => ExampleProcess.Run("SpectralBias",
        ["--samples", "16", "--test-points", "8", "--width", "128", "--rank", "3", "--frequencies", "1", "--tolerance", "0.1",
         "--max-steps", "2000", "--out", Path.Combine(folder, "out"), .. extra]);

    [Fact]
    public void Plain_mode_prints_progress_lines_for_every_run()
    {
        var run = Run("--plain");
        Assert.Equal(0, run.ExitCode);
        // Each run says where it starts and where it ends (at or below the tolerance 0.1): GD, PGD and PGD with momentum.
        foreach (var name in new[] { "GD", "PGD", "PGD-MOMENTUM" })
        {
            Assert.Contains($"  frequency 1, {name}: step 0, residual 1.000\n", run.Output.ReplaceLineEndings("\n"));
            Assert.Matches($@"  frequency 1, {name}: step [1-9][0-9]*, residual 0\.(0\d\d|100)", run.Output);
        }
    }

    [Fact]
    public void The_eigen_backend_probe_is_printed_only_with_verbose()
    {
        var quiet = Run("--plain");
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("Dense eigendecomposition", quiet.Output);
        var verbose = Run("--plain", "--verbose");
        Assert.Equal(0, verbose.ExitCode);
        Assert.Contains("Dense eigendecomposition: ", verbose.Output);
    }
}
