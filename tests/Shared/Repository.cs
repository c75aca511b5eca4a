namespace SpectrumDsl.Testing;

/// <summary>
/// The checkout the tests run in, for tests that read files kept beside them (README, examples, golden results, data).
/// Found from the test binaries rather than from [CallerFilePath]: a CI build (CI=true) maps source paths to /_/.
/// </summary>
internal static class Repository
{
    /// <summary>The folder holding SpectrumDsl.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the checkout, given by its parts from <see cref="Root"/>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "SpectrumDsl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"SpectrumDsl.sln not found above {AppContext.BaseDirectory}.");
    }
}
