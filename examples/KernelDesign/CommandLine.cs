using System.CommandLine;
using SpectrumDsl.Examples;

namespace KernelDesign;

/// <summary>The options, their defaults and their validation.</summary>
internal static class CommandLine
{
    public static RootCommand Build(Func<Settings, int> measure)
    {
        var samples = CommandLineOptions.IntegerList("--samples", "250,500,1000,2000,4000", 20, "Sample counts n to build the MSK from, comma separated (each >= 20).");
        var rank = CommandLineOptions.AtLeast("--rank", 9, 1, "Eigenvalues k replaced; must sit at a degree boundary (on the circle 2D + 1).");
        var dim = CommandLineOptions.AtLeast("--dim", 2, 2, "Dimension d of the sphere S^(d-1).");
        var testPoints = CommandLineOptions.AtLeast("--test-points", 200, 2, "Test points the kernels are compared on.");
        var seed = new Option<int>("--seed") { Description = "Seed of the samples.", DefaultValueFactory = _ => 1 };
        var repeats = CommandLineOptions.AtLeast("--repeats", 3, 1, "Independent samples averaged per n.");
        var output = new Option<string>("--out") { Description = "Folder for the plot.", DefaultValueFactory = _ => Path.Combine("results", "kernel-design") };
        var command = new RootCommand("Modified Spectrum Kernels from n samples against the exact target kernel on the sphere (a Gegenbauer series).")
        {
            samples, rank, dim, testPoints, seed, repeats, output,
        };
        CommandLineOptions.AddRule(command, values =>
        {
            var counts = CommandLineOptions.ParseIntegers(values.Get(samples) ?? "", 20) ?? [];
            var k = values.Get(rank);
            if (counts.Length > 0 && counts.Min() < k)
            {
                values.AddError($"every --samples count must be at least --rank {k}, but {values.Named(samples)} has {counts.Min()} "
                    + $"(the MSK replaces k eigenvalues of an n x n Gram); give --rank {counts.Min()} or less, or larger counts.");
            }
        });
        command.SetAction(parse => measure(new Settings(
            CommandLineOptions.ParseIntegers(parse.GetValue(samples)!, 20)!, parse.GetValue(rank), parse.GetValue(dim),
            parse.GetValue(testPoints), parse.GetValue(seed), parse.GetValue(repeats), parse.GetValue(output)!)));
        return command;
    }
}
