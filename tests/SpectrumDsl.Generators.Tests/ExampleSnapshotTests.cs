using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// What the examples' users see: the generated source of every spectrum the examples declare is
/// an approved snapshot, so a change to it is reviewed like any other change.
/// </summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public class ExampleSnapshotTests
{
    public static TheoryData<string> Declarations()
    {
        var data = new TheoryData<string>();
        foreach (var file in DeclarationFiles())
        {
            data.Add(Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Generated_source_of_example_spectra(string relativePath)
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(Path.Combine(Repository.Root, relativePath)));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("", string.Join("\n", run.CompilerErrors.Select(diagnostic => diagnostic.ToString())));
        var all = string.Join("\n// ----\n", run.Result.GeneratedTrees.Select(tree => tree.ToString()));
        using (ApprovalResults.ForScenario(relativePath.Replace('/', '_')))
        {
            Approvals.VerifyWithExtension(all, ".cs");
        }
    }

    [Fact]
    public void Every_example_declaration_is_covered() =>
        // The examples that declare spectra today; a new one must be added to a snapshot, not forgotten.
        Assert.True(DeclarationFiles().Count() >= 2, string.Join(", ", DeclarationFiles()));

    private static IEnumerable<string> DeclarationFiles() =>
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "examples"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && File.ReadAllText(file).Contains("[ModifiedSpectrum(", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
