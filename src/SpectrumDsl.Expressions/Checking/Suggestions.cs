namespace SpectrumDsl.Expressions;

/// <summary>"Did you mean ...?" by restricted Damerau-Levenshtein distance.</summary>
internal static class Suggestions
{
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["ln"] = "log", ["power"] = "pow", ["sqr"] = "sqrt", ["fabs"] = "abs",
        ["lambdak"] = "lambda_k", ["lambda1"] = "lambda_1", ["rank"] = "k", ["index"] = "i",
    };

    /// <summary>The closest candidate, or <c>null</c> when nothing is close enough to be a plausible typo.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        if (Aliases.TryGetValue(name.ToLowerInvariant(), out var alias) && list.Contains(alias)) return alias;
        foreach (var candidate in list)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) return candidate;
        }
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Short names tolerate one edit, longer ones two: 'foo' is not a typo of 'log'.
        return best is not null && bestDistance <= (Math.Max(name.Length, best.Length) <= 4 ? 1 : 2) && bestDistance < name.Length ? best : null;
    }

    /// <summary>Optimal string alignment distance (insert, delete, substitute, swap adjacent).</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue; // nobody mistypes a 64-character name
        var d = new int[a.Length + 1, b.Length + 1];
        for (var x = 0; x <= a.Length; x++) d[x, 0] = x;
        for (var y = 0; y <= b.Length; y++) d[0, y] = y;
        for (var x = 1; x <= a.Length; x++)
        {
            for (var y = 1; y <= b.Length; y++)
            {
                var cost = a[x - 1] == b[y - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[x - 1, y] + 1, d[x, y - 1] + 1), d[x - 1, y - 1] + cost);
                if (x > 1 && y > 1 && a[x - 1] == b[y - 2] && a[x - 2] == b[y - 1])
                {
                    value = Math.Min(value, d[x - 2, y - 2] + 1);
                }
                d[x, y] = value;
            }
        }
        return d[a.Length, b.Length];
    }
}
