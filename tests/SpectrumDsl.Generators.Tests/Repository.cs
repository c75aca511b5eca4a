namespace SpectrumDsl.Generators.Tests;

/// <summary>The checkout the tests run in, for tests that read README and the examples.</summary>
internal static class Repository
{
    /// <summary>The folder holding SpectrumDsl.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SpectrumDsl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"SpectrumDsl.sln not found above {AppContext.BaseDirectory}.");
    }
}
