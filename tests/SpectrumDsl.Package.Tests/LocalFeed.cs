using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace SpectrumDsl.Package.Tests;

/// <summary>
/// The packages this project's build packed into bin/.../feed (SpectrumDsl and SpectrumDsl.FSharp), and the
/// version and repository address they were packed with (Directory.Build.props, through assembly metadata).
/// </summary>
internal static class LocalFeed
{
    /// <summary>The feed folder.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "feed");

    /// <summary>The one version of every package.</summary>
    public static string Version { get; } = Metadata("PackageVersion");

    /// <summary>The configured repository address; empty while there is none.</summary>
    public static string RepositoryUrl { get; } = Metadata("RepositoryUrl");

    /// <summary>The path of package <paramref name="id"/> at <see cref="Version"/>, which the build must have packed.</summary>
    public static string Package(string id)
    {
        var path = Path.Combine(Folder, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(path), $"The build should have packed {id} {Version} into {Folder}; it holds: {string.Join(", ", Directory.GetFiles(Folder).Select(Path.GetFileName))}.");
        return path;
    }

    /// <summary>The names of every file in package <paramref name="id"/>.</summary>
    public static IReadOnlyList<string> Files(string id)
    {
        using var archive = ZipFile.OpenRead(Package(id));
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    /// <summary>The text of the file <paramref name="name"/> in package <paramref name="id"/>.</summary>
    public static string Text(string id, string name)
    {
        using var archive = ZipFile.OpenRead(Package(id));
        var entry = archive.GetEntry(name) ?? throw new InvalidOperationException($"{Package(id)} has no file {name}.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The package's .nuspec, with the nuspec namespace stripped so elements are found by local name.</summary>
    public static XElement Nuspec(string id)
    {
        var root = XDocument.Parse(Text(id, id + ".nuspec")).Root!;
        foreach (var element in root.DescendantsAndSelf()) element.Name = element.Name.LocalName;
        return root;
    }

    private static string Metadata(string key) =>
        typeof(LocalFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no [AssemblyMetadata(\"{key}\")]; SpectrumDsl.Package.Tests.csproj sets it from Directory.Build.props.");
}
