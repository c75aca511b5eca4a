using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// The catalog (generators/SpectrumDsl.Generators/DiagnosticDescriptors.cs) and everything its header
/// says must change with it: the DiagnosticIds constants, one docs page and one README row per id,
/// release tracking, and help links into the repository named once in Directory.Build.props (none while it is empty).
/// </summary>
public partial class DiagnosticCatalogTests
{
    // DiagnosticIds is compiled into both the generator and SpectrumDsl.Expressions; the generator's
    // copy (with the generator's own ids) is the one the catalog is keyed by.
    private static readonly string[] Ids = typeof(SpectrumGenerator).Assembly.GetType("SpectrumDsl.Expressions.DiagnosticIds", throwOnError: true)!
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!).ToArray();

    private static string[] DescriptorIds => DiagnosticDescriptors.All.Select(descriptor => descriptor.Id).ToArray();

    [Fact]
    public void One_descriptor_per_DiagnosticIds_constant_in_id_order()
    {
        Assert.Equal(Ids.Order(StringComparer.Ordinal), DescriptorIds);
        Assert.Equal(Ids.Length, Ids.Distinct().Count());
        // Every descriptor field is in All, and For finds each by its id.
        var fields = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetValue(null)).OfType<DiagnosticDescriptor>().ToList();
        Assert.Equal(fields.Select(descriptor => descriptor.Id).Order(StringComparer.Ordinal), DescriptorIds);
        Assert.All(DiagnosticDescriptors.All, descriptor => Assert.Same(descriptor, DiagnosticDescriptors.For(descriptor.Id)));
    }

    [Fact]
    public void Every_descriptor_but_the_internal_error_has_a_diagnostic_snapshot_scenario()
    {
        var scenarios = DiagnosticSnapshotTests.Rules.Select(row => (string)row[0]).ToArray();
        Assert.Equal(DescriptorIds.Where(id => id != DiagnosticDescriptors.InternalError.Id), scenarios);
    }

    [Fact]
    public void An_unknown_id_fails_loudly_and_the_never_throw_wrapper_reports_it_as_SPD033()
    {
        var error = Assert.Throws<UnknownDiagnosticIdException>(() => DiagnosticDescriptors.For("SPD099"));
        Assert.Contains("'SPD099'", error.Message);
        Assert.Contains("DiagnosticDescriptors", error.Message);

        // What the parser does with an expression diagnostic: look its descriptor up by id.
        static SpectrumGenerator.ParseResult ParseReportingAnUnknownId()
        {
            _ = DiagnosticDescriptors.For("SPD099");
            return new SpectrumGenerator.ParseResult(null, default);
        }
        var result = SpectrumGenerator.Guarded(ParseReportingAnUnknownId, () => Location.None, "Flat");
        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SPD033", diagnostic.Id);
        Assert.Contains("'Flat'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("'SPD099' has no descriptor", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // Cancellation is not a failure: it passes through.
        Assert.Throws<OperationCanceledException>(() => SpectrumGenerator.Guarded(() => throw new OperationCanceledException(), () => Location.None, "Flat"));
    }

    [Fact]
    public void Every_descriptor_has_a_docs_page_titled_like_it_and_no_page_lacks_a_descriptor()
    {
        var folder = Path.Combine(Repository.Root, "docs", "diagnostics");
        var pages = Directory.GetFiles(folder, "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(DescriptorIds, pages);
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var heading = File.ReadLines(Path.Combine(folder, descriptor.Id + ".md")).First();
            Assert.Equal($"# {descriptor.Id}: {descriptor.Title}", heading);
        }
    }

    [Fact]
    public void Every_descriptor_has_one_README_row_and_no_row_lacks_a_descriptor()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).Replace("\r", "", StringComparison.Ordinal);
        var table = DiagnosticsTable().Match(readme);
        Assert.True(table.Success, "README.md has no diagnostics table (a '| id | problem |' table after '**Diagnostics**')");
        var links = ReadmeLink().Matches(table.Value).Select(match => (Id: match.Groups[1].Value, Page: match.Groups[2].Value)).ToList();
        Assert.All(links, link => Assert.Equal(link.Id, link.Page));
        Assert.Equal(DescriptorIds, links.Select(link => link.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_package_README_names_exactly_the_descriptor_ids()
    {
        // The package page lists the ids as ranges (SPD001-SPD008, ...): together they must cover every
        // descriptor and no id without one.
        var text = File.ReadAllText(ReadmeTests.PackageReadme);
        var named = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in IdOrRange().Matches(text))
        {
            var first = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var last = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : first;
            Assert.True(first <= last, $"'{match.Value}' in src/SpectrumDsl/README.md is an empty range");
            for (var id = first; id <= last; id++) named.Add($"SPD{id:D3}");
        }
        Assert.Equal(DescriptorIds, named);
    }

    [Fact]
    public void Every_descriptor_is_release_tracked_and_nothing_else_is()
    {
        var folder = Path.Combine(Repository.Root, "generators", "SpectrumDsl.Generators");
        var tracked = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadLines(Path.Combine(folder, file)))
            .Select(line => ReleaseRow().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value)
            .Order(StringComparer.Ordinal);
        Assert.Equal(DescriptorIds, tracked);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("https://example.org/owner/repo", "https://example.org/owner/repo/blob/main/docs/diagnostics/SPD002.md")]
    [InlineData(" https://example.org/owner/repo/ ", "https://example.org/owner/repo/blob/main/docs/diagnostics/SPD002.md")]
    public void A_help_link_exists_only_with_a_repository_address(string repositoryUrl, string? expected) =>
        Assert.Equal(expected, DiagnosticDescriptors.HelpLink(repositoryUrl, "SPD002"));

    [Fact]
    public void Help_links_follow_RepositoryUrl_of_Directory_Build_props_and_are_absent_while_it_is_empty()
    {
        var url = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value.Trim();
        Assert.True(url.Length == 0 || url.StartsWith("https://", StringComparison.Ordinal), $"RepositoryUrl '{url}' must be empty or an https address");
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Equal(DiagnosticDescriptors.HelpLink(url, descriptor.Id) ?? "", descriptor.HelpLinkUri);
        }

        // A reported diagnostic carries the same link, or none.
        var reported = Assert.Single(GeneratorHarness.Generate("using SpectrumDsl;\n[ModifiedSpectrum(\"lamda\")][ReluNtk] static partial class C { }").GeneratorDiagnostics);
        Assert.Equal(url.Length == 0 ? "" : $"{url.TrimEnd('/')}/blob/main/docs/diagnostics/SPD002.md", reported.Descriptor.HelpLinkUri);
    }

    [GeneratedRegex(@"\*\*Diagnostics\*\*.*?\n\n(\|.*?)(\n\n|\z)", RegexOptions.Singleline)]
    private static partial Regex DiagnosticsTable();

    [GeneratedRegex(@"\[(SPD\d{3})\]\(docs/diagnostics/(SPD\d{3})\.md\)")]
    private static partial Regex ReadmeLink();

    [GeneratedRegex(@"SPD(\d{3})(?:-SPD(\d{3}))?")]
    private static partial Regex IdOrRange();

    [GeneratedRegex(@"^(SPD\d{3})\s*\|")]
    private static partial Regex ReleaseRow();
}
