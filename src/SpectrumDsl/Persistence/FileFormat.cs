namespace SpectrumDsl.Persistence;

/// <summary>
/// One kind of file SpectrumDsl writes in the <see cref="ChecksummedFile"/> container: its magic, the format versions
/// this library writes and reads, and the words its refusals use, so every kind names itself, the fault and what to do.
/// </summary>
/// <param name="Magic">Eight ASCII characters at the start of the file.</param>
/// <param name="Version">The version written.</param>
/// <param name="OldestReadableVersion">The oldest version still read.</param>
/// <param name="Title">How a message names a file of this kind: "Checkpoint" in "Checkpoint 'run.ckpt' is corrupted".</param>
/// <param name="Description">What the kind is: "a SpectrumDsl training checkpoint".</param>
/// <param name="OpenWith">The call that reads it, for a file of this kind passed where another was expected.</param>
/// <param name="Origin">Where a file of this kind comes from, for a file that is not one.</param>
/// <param name="CannotReadAdvice">What to do when the file cannot be opened.</param>
/// <param name="DamagedAdvice">What to do when it is truncated, corrupted or unreadable.</param>
/// <param name="VersionAdvice">What to do when its format version is not read by this library.</param>
/// <param name="Fault">The exception refusals raise: (path, message, inner).</param>
internal sealed record FileFormat(
    string Magic,
    int Version,
    int OldestReadableVersion,
    string Title,
    string Description,
    string OpenWith,
    string Origin,
    string CannotReadAdvice,
    string DamagedAdvice,
    string VersionAdvice,
    Func<string, string, Exception?, IOException> Fault)
{
    /// <summary>The versions read, for messages: "version 1" or "versions 4 to 5".</summary>
    public string ReadableVersions => OldestReadableVersion == Version ? $"version {Version}" : $"versions {OldestReadableVersion} to {Version}";
}
