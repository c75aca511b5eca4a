namespace SpectrumDsl.Examples.Tests;

/// <summary><see cref="StagedFolder"/>: the target holds a complete run's files or what it held before.</summary>
public sealed class StagedFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("staged-folder-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Commit_replaces_the_target_with_the_staged_files()
    {
        var target = Path.Combine(root, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");
        using (var staged = new StagedFolder(target))
        {
            File.WriteAllText(staged.File("report.json"), "{}");
            Assert.False(File.Exists(Path.Combine(target, "report.json")));
            staged.Commit();
        }

        Assert.Equal(["report.json"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal(["out"], Directory.GetDirectories(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Disposing_without_commit_leaves_the_target_as_it_was_and_no_staging_folder()
    {
        var target = Path.Combine(root, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");
        using (var staged = new StagedFolder(target))
        {
            File.WriteAllText(staged.File("partial.json"), "{");
        }

        Assert.Equal(["old.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal(["out"], Directory.GetDirectories(root).Select(Path.GetFileName));
    }
}
