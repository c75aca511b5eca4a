using System.Globalization;

namespace KernelDesign;

/// <summary>Command-line settings: --samples 250,500,... --rank k --dim d --test-points m --seed s --repeats r --out dir.</summary>
internal sealed record Settings(int[] Samples, int Rank, int Dimension, int TestPoints, int Seed, int Repeats, string Output)
{
    private const string Usage =
        "usage: KernelDesign [--samples 250,500,1000,2000,4000] [--rank 9] [--dim 2] [--test-points 200] [--seed 1] [--repeats 3] [--out results/kernel-design]";

    public static Settings? Parse(string[] args)
    {
        var result = new Settings([250, 500, 1000, 2000, 4000], 9, 2, 200, 1, 3, Path.Combine("results", "kernel-design"));
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return null;
            }

            if (i + 1 >= args.Length)
            {
                return Fail($"option {name} needs a value.");
            }

            var value = args[++i];
            int Int() => int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : int.MinValue;
            switch (name)
            {
                case "--samples":
                    var samples = value.Split(',').Select(part => int.TryParse(part, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
                    if (samples.Any(n => n < 20))
                    {
                        return Fail($"--samples takes sample counts >= 20 separated by commas, not '{value}'.");
                    }

                    result = result with { Samples = samples };
                    break;
                case "--rank" when Int() >= 1:
                    result = result with { Rank = Int() };
                    break;
                case "--dim" when Int() >= 2:
                    result = result with { Dimension = Int() };
                    break;
                case "--test-points" when Int() >= 2:
                    result = result with { TestPoints = Int() };
                    break;
                case "--seed" when Int() != int.MinValue:
                    result = result with { Seed = Int() };
                    break;
                case "--repeats" when Int() >= 1:
                    result = result with { Repeats = Int() };
                    break;
                case "--out":
                    result = result with { Output = value };
                    break;
                default:
                    return Fail($"option {name} with value '{value}' is not understood (see the ranges in the usage line).");
            }
        }

        if (result.Samples.Any(n => n < result.Rank))
        {
            return Fail($"every sample count must be at least the rank {result.Rank}.");
        }

        return result;
    }

    private static Settings? Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return null;
    }
}
