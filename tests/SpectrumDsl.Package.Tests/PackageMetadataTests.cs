using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SpectrumDsl.Package.Tests;

/// <summary>
/// The packages' metadata: one version, the F# package's dependency on SpectrumDsl (and on nothing that
/// is not a package), a README in each, and no address but real ones.
/// </summary>
public partial class PackageMetadataTests
{
    private static readonly string[] Ids = ["SpectrumDsl", "SpectrumDsl.FSharp"];

    [Fact]
    public void Every_package_has_the_one_version_of_Directory_Build_props()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", LocalFeed.Version);
        foreach (var id in Ids)
        {
            Assert.Equal(LocalFeed.Version, LocalFeed.Nuspec(id).Element("metadata")!.Element("version")!.Value);
        }
    }

    [Fact]
    public void The_FSharp_package_depends_on_SpectrumDsl_at_the_same_version_and_on_no_unpublished_package()
    {
        var dependencies = LocalFeed.Nuspec("SpectrumDsl.FSharp").Descendants("dependency")
            .ToDictionary(dependency => dependency.Attribute("id")!.Value, dependency => dependency.Attribute("version")!.Value);
        Assert.Equal(LocalFeed.Version, dependencies["SpectrumDsl"]);
        Assert.Contains("FSharp.Core", dependencies.Keys);
        // SpectrumDsl.Expressions is no package: its assembly ships in SpectrumDsl's lib folder.
        Assert.Equal(["FSharp.Core", "SpectrumDsl"], dependencies.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("lib/net10.0/SpectrumDsl.Expressions.dll", LocalFeed.Files("SpectrumDsl"));
        Assert.Contains("lib/net10.0/SpectrumDsl.FSharp.dll", LocalFeed.Files("SpectrumDsl.FSharp"));
    }

    [Theory]
    [InlineData("SpectrumDsl", "```csharp")]
    [InlineData("SpectrumDsl.FSharp", "```fsharp")]
    public void Every_package_carries_its_own_README(string id, string codeBlock)
    {
        Assert.Equal("README.md", LocalFeed.Nuspec(id).Element("metadata")!.Element("readme")?.Value);
        var readme = LocalFeed.Text(id, "README.md");
        Assert.StartsWith($"# {id}\n", readme.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(codeBlock, readme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SpectrumDsl")]
    [InlineData("SpectrumDsl.FSharp")]
    public void No_address_in_a_package_but_the_licence_and_a_configured_repository(string id)
    {
        var metadata = LocalFeed.Nuspec(id).Element("metadata")!;
        var configured = LocalFeed.RepositoryUrl.Trim();
        if (configured.Length == 0)
        {
            Assert.Null(metadata.Element("projectUrl"));
            Assert.Null(metadata.Element("repository")?.Attribute("url"));
        }
        else
        {
            Assert.Equal(configured, metadata.Element("projectUrl")?.Value);
            Assert.Equal(configured, metadata.Element("repository")?.Attribute("url")?.Value);
        }

        // Every address in the metadata and the README: NuGet's licence page, or the configured repository.
        var allowed = new[] { "https://licenses.nuget.org/MIT", configured }.Where(url => url.Length > 0).ToArray();
        var text = metadata.ToString() + "\n" + LocalFeed.Text(id, "README.md");
        foreach (Match url in Address().Matches(text))
        {
            Assert.True(allowed.Any(prefix => url.Value.StartsWith(prefix, StringComparison.Ordinal)),
                $"{id} points to {url.Value}, which is neither the licence nor the configured repository ('{configured}')");
        }
    }

    [GeneratedRegex(@"https?://[^\s""'<>)\]]+")]
    private static partial Regex Address();
}
