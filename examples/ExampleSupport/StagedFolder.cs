namespace SpectrumDsl.Examples;

/// <summary>
/// An output folder written in full or not at all: files go into a staging folder beside the target,
/// which replaces the target only in <see cref="Commit"/>. Disposing without committing deletes the
/// staging folder, so a failed or interrupted run leaves the target as it was.
/// </summary>
public sealed class StagedFolder : IDisposable
{
    private bool committed;

    /// <summary>Creates an empty staging folder next to <paramref name="target"/> (same file system, so the final move is a rename).</summary>
    public StagedFolder(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        Target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(Target) ?? throw new ArgumentException($"The output folder {target} has no parent folder to stage in.", nameof(target));
        Directory.CreateDirectory(parent);
        Staging = Path.Combine(parent, $".{Path.GetFileName(Target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Staging);
    }

    /// <summary>The folder the files end in.</summary>
    public string Target { get; }

    /// <summary>The folder to write into until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Path of <paramref name="name"/> inside the staging folder.</summary>
    public string File(string name) => Path.Combine(Staging, name);

    /// <summary>Replaces the target folder (and everything in it) with the staging folder.</summary>
    public void Commit()
    {
        if (Directory.Exists(Target))
        {
            Directory.Delete(Target, recursive: true);
        }

        Directory.Move(Staging, Target);
        committed = true;
    }

    /// <summary>Deletes the staging folder unless it was committed.</summary>
    public void Dispose()
    {
        if (!committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }
}
