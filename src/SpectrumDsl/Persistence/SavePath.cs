namespace SpectrumDsl.Persistence;

/// <summary>The rule for a file about to be saved: a non-empty path in an existing directory.</summary>
internal static class SavePath
{
    /// <exception cref="ArgumentException">Names <paramref name="parameter"/>, the path and what to do.</exception>
    public static void Check(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path, parameter);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{parameter} must name a file but was '{path}'.", parameter);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null || !Directory.Exists(directory))
        {
            throw new ArgumentException($"{parameter} '{path}' must lie in an existing directory but '{directory}' does not exist; create it first.", parameter);
        }
    }
}
