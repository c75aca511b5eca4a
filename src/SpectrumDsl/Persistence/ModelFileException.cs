namespace SpectrumDsl.Persistence;

/// <summary>
/// A saved model, kernel or preprocessor file is not usable: missing or unreadable, not such a file (another
/// SpectrumDsl file is named as such), of a format version this library does not read, truncated, corrupted
/// (SHA-256 mismatch) or with contents that do not fit together. The message names the file, the fault and what
/// to do. (It derives from <see cref="IOException"/> because <see cref="InvalidDataException"/> is sealed.)
/// </summary>
public sealed class ModelFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file concerned.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ModelFileException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The file concerned.</summary>
    public string Path { get; }
}
