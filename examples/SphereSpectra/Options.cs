using System.Globalization;

namespace SphereSpectra;

/// <summary>Command-line settings: --samples N, --max-degree K, --seed S, --dims 2,3.</summary>
internal sealed record Options(int Samples, int MaxDegree, int Seed, int[] Dimensions)
{
    private const string Usage = "usage: SphereSpectra [--samples N (>= 50)] [--max-degree K (0..60)] [--seed S] [--dims 2,3 (each >= 2)]";

    public static Options? Parse(string[] args)
    {
        var result = new Options(1000, 10, 1, [2, 3]);
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
            switch (name)
            {
                case "--samples" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n >= 50:
                    result = result with { Samples = n };
                    break;
                case "--max-degree" when int.TryParse(value, CultureInfo.InvariantCulture, out var k) && k is >= 0 and <= 60:
                    result = result with { MaxDegree = k };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    result = result with { Seed = seed };
                    break;
                case "--dims":
                    var dims = value.Split(',').Select(part => int.TryParse(part, CultureInfo.InvariantCulture, out var d) ? d : -1).ToArray();
                    if (dims.Any(d => d < 2))
                    {
                        return Fail($"--dims takes dimensions >= 2 separated by commas, not '{value}'.");
                    }

                    result = result with { Dimensions = dims };
                    break;
                default:
                    return Fail($"option {name} with value '{value}' is not understood.");
            }
        }

        return result;
    }

    private static Options? Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return null;
    }
}
