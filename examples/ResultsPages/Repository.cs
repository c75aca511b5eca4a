namespace ResultsPages;

/// <summary>Finds the repository root: the folder holding SpectrumDsl.sln.</summary>
internal static class Repository
{
    public static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpectrumDsl.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
