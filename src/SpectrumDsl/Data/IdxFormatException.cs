namespace SpectrumDsl.Data;

/// <summary>
/// A file that is not the IDX data it was read as (wrong magic number, element type or dimension
/// count, truncated or oversized payload, corrupt gzip, or an image file and a label file that do not
/// match). The message names the file, what was expected and what was found.
/// </summary>
public sealed class IdxFormatException : FormatException
{
    internal IdxFormatException(string path, long? position, string message, Exception? inner = null)
        : base(path + (position is long at ? $", byte {at}" : string.Empty) + ": " + message, inner)
    {
        FilePath = path;
        Position = position;
    }

    /// <summary>The file that was read.</summary>
    public string FilePath { get; }

    /// <summary>The 0-based byte offset in the (decompressed) content where the problem is, or null for the file as a whole.</summary>
    public long? Position { get; }
}
