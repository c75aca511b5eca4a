using SpectrumDsl.Validation;

namespace SpectrumDsl.Training.Checkpoints;

/// <summary>
/// Where and how often a training run saves its complete state (immutable). Pass to
/// <c>Trainer.Run</c> or <c>Trainer.Resume</c>.
/// </summary>
/// <remarks>
/// A checkpoint is written at the start of every step t that is a positive multiple of
/// <see cref="Interval"/> (t updates done, step t not yet evaluated) and when the run is
/// cancelled. Each write goes to a temporary file in the same directory, is flushed to disk and
/// then atomically renamed over <see cref="Path"/>, so a crash or failure mid-write leaves the
/// previous checkpoint intact. The format is described in docs/reliability.md.
/// </remarks>
public sealed class CheckpointOptions
{
    /// <summary>Creates options; the directory of <paramref name="path"/> must exist.</summary>
    /// <param name="path">The checkpoint file (overwritten at every save).</param>
    /// <param name="interval">Save every this many steps (at least 1).</param>
    /// <exception cref="ArgumentException">The path is empty or its directory does not exist, or the interval is below 1.</exception>
    public CheckpointOptions(string path, int interval)
    {
        Guard.NotNull(path, nameof(path));
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"path must name a file but was '{path}'.", nameof(path));
        }

        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new ArgumentException($"path '{path}' must lie in an existing directory but '{directory}' does not exist; create it first.", nameof(path));
        }

        Guard.AtLeast(interval, 1, nameof(interval), "A checkpoint is saved every interval steps.");
        Path = full;
        Interval = interval;
    }

    /// <summary>The checkpoint file (absolute).</summary>
    public string Path { get; }

    /// <summary>Steps between saves.</summary>
    public int Interval { get; }

    /// <summary>Test hook: wraps the file stream of every write (to inject failures).</summary>
    internal Func<Stream, Stream>? StreamWrapper { get; init; }
}

/// <summary>
/// A checkpoint file is not usable: not a checkpoint, an unsupported format version, truncated,
/// corrupted (checksum mismatch), or written for another configuration or other training data.
/// The message says which and what to do. (It derives from <see cref="IOException"/> because
/// <see cref="InvalidDataException"/> is sealed.)
/// </summary>
public sealed class CheckpointException : IOException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The checkpoint file concerned.</summary>
    public string Path { get; }
}
