using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Training;

/// <summary>
/// Training points that occur more than once with different labels. No function interpolates them, so
/// the residual has a part that no width, step size or preconditioner can remove; the trainer says so
/// instead of letting the resolution check blame the width.
/// </summary>
internal static class DuplicatePoints
{
    private const int Listed = 5;

    /// <summary>Pairs (first row, later row) of identical points whose label rows differ, in row order.</summary>
    /// <remarks>Rows are hashed by their exact bits (0.0 and -0.0 alike) and compared only within a hash; nothing is copied.</remarks>
    public static List<(int First, int Second)> Conflicts(Matrix<double> x, Matrix<double> y)
    {
        var values = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var n = x.RowCount;
        var d = x.ColumnCount;
        var hashes = new int[n];
        for (var i = 0; i < n; i++)
        {
            var combined = new HashCode();
            for (var j = 0; j < d; j++)
            {
                combined.Add(values[j * n + i] + 0.0);
            }

            hashes[i] = combined.ToHashCode();
        }

        bool SamePoint(int a, int b)
        {
            for (var j = 0; j < d; j++)
            {
                if (values[j * n + a] != values[j * n + b])
                {
                    return false;
                }
            }

            return true;
        }

        var firstOfHash = new Dictionary<int, List<int>>();
        var conflicts = new List<(int, int)>();
        for (var i = 0; i < n; i++)
        {
            if (!firstOfHash.TryGetValue(hashes[i], out var rows))
            {
                firstOfHash[hashes[i]] = [i];
                continue;
            }

            var match = rows.FindIndex(row => SamePoint(row, i));
            if (match < 0)
            {
                rows.Add(i);
            }
            else if (!SameRow(y, rows[match], i))
            {
                conflicts.Add((rows[match], i));
            }
        }

        return conflicts;
    }

    /// <summary>The warning for <paramref name="conflicts"/> (0-based rows), or null when there are none.</summary>
    public static string? Warning(List<(int First, int Second)> conflicts, Matrix<double> y)
    {
        if (conflicts.Count == 0)
        {
            return null;
        }

        string Label(int row) => y.ColumnCount == 1
            ? y[row, 0].ToString("G6", CultureInfo.InvariantCulture)
            : "(" + string.Join(", ", y.Row(row).Select(value => value.ToString("G4", CultureInfo.InvariantCulture))) + ")";
        var pairs = conflicts.Take(Listed).Select(pair => $"rows {pair.First} and {pair.Second} (labels {Label(pair.First)} and {Label(pair.Second)})");
        var more = conflicts.Count > Listed ? $" and {conflicts.Count - Listed} more" : "";
        return $"The training set holds the same point more than once with conflicting labels: {string.Join("; ", pairs)}{more} (0-based rows of x). No function fits both labels of a duplicated point, so the residual cannot fall below the conflict whatever the width or step size, and the jump puts label energy into eigendirections no finite width resolves (the resolution check is not reported until they are gone). Remove the duplicates or merge them (for example average their labels).";
    }

    private static bool SameRow(Matrix<double> y, int a, int b)
    {
        for (var j = 0; j < y.ColumnCount; j++)
        {
            if (y[a, j] != y[b, j])
            {
                return false;
            }
        }

        return true;
    }
}
