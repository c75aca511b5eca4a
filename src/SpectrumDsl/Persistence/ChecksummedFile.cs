using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Persistence;

/// <summary>
/// The container every SpectrumDsl file uses (checkpoints, models, kernels, preprocessors), little-endian:
/// magic (8 ASCII bytes), format version (int32), payload length (int64), payload, SHA-256 of everything
/// before it (32 bytes). Files are written atomically (a temporary file in the same directory, flushed to
/// disk, renamed over the path), and a file that is missing, foreign, of an unread version, truncated,
/// corrupted or unreadable is refused with a message naming the file, the fault and what to do.
/// </summary>
internal static class ChecksummedFile
{
    public const int HeaderLength = 8 + 4 + 8;
    public const int HashLength = 32;

    /// <summary>The complete file for <paramref name="payload"/>: header, payload, checksum.</summary>
    public static byte[] Frame(FileFormat format, ReadOnlySpan<byte> payload)
    {
        var result = new byte[HeaderLength + payload.Length + HashLength];
        Encoding.ASCII.GetBytes(format.Magic).CopyTo(result, 0);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), format.Version);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(12), payload.Length);
        payload.CopyTo(result.AsSpan(HeaderLength));
        SHA256.HashData(result.AsSpan(0, HeaderLength + payload.Length), result.AsSpan(HeaderLength + payload.Length));
        return result;
    }

    /// <summary>The payload <paramref name="write"/> produces, framed for <paramref name="format"/>.</summary>
    public static byte[] Frame(FileFormat format, Action<BinaryWriter> write)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return Frame(format, payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    /// <summary>
    /// Saves one file of <paramref name="format"/> for a public <c>Save(path)</c>: the path checked as a parameter named
    /// "path", then the payload <paramref name="write"/> produces, framed and written atomically.
    /// </summary>
    public static void Save(string path, FileFormat format, Action<BinaryWriter> write, string subject)
    {
        SavePath.Check(path, nameof(path));
        WriteAtomically(path, Frame(format, write), subject, "the previous file");
    }

    /// <summary>Loads one file of <paramref name="format"/> for a public <c>Load(path)</c>: <paramref name="read"/> must consume the whole payload.</summary>
    public static T Load<T>(string path, FileFormat format, Func<BinaryReader, T> read)
    {
        Guard.NotNull(path, nameof(path));
        return Read(path, format, (r, _) => read(r), requireEnd: true);
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> atomically: a temporary file in the same directory,
    /// flushed to disk, renamed over the path. On failure the temporary file is removed and the file at the path, if
    /// any, is unchanged; the <see cref="IOException"/> says "Writing <paramref name="subject"/> to 'path' failed ...".
    /// </summary>
    /// <param name="path">The destination (absolute or relative; its directory must exist).</param>
    /// <param name="bytes">The framed file.</param>
    /// <param name="subject">What is written, for the message: "the checkpoint for step 10", "the model".</param>
    /// <param name="previous">What the failure leaves alone, for the message: "the previous checkpoint".</param>
    /// <param name="wrapper">Test hook: wraps the file stream (to inject failures).</param>
    public static void WriteAtomically(string path, byte[] bytes, string subject, string previous, Func<Stream, Stream>? wrapper = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = wrapper?.Invoke(file) ?? file;
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temporary file is garbage either way; the file at the path is untouched.
            }

            throw new IOException(
                $"Writing {subject} to '{path}' failed ({error.Message}); {previous} at that path, if any, is unchanged. Check free space and permissions of '{directory}'.",
                error);
        }
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/>, checks it is an intact file of <paramref name="format"/> (magic,
    /// version, length, checksum) and parses its payload with <paramref name="read"/> (given the file's version).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">The kind of file expected there.</param>
    /// <param name="read">Parses the payload (the reader starts at its first byte) for the given format version.</param>
    /// <param name="requireEnd">Also refuse a payload with bytes left after <paramref name="read"/> (a reader that does not match the writer).</param>
    /// <exception cref="IOException">The format's exception (<see cref="FileFormat.Fault"/>) naming the file, the fault and what to do;
    /// exceptions <paramref name="read"/> throws for inconsistent contents (<see cref="EndOfStreamException"/>, <see cref="InvalidDataException"/>,
    /// <see cref="ArgumentException"/>, <see cref="OverflowException"/>) become one too.</exception>
    public static T Read<T>(string path, FileFormat format, Func<BinaryReader, int, T> read, bool requireEnd)
    {
        var (bytes, version, length) = Open(path, format);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, HeaderLength, length), Encoding.UTF8);
            var result = read(reader, version);
            if (requireEnd && reader.BaseStream.Position != length)
            {
                throw new InvalidDataException($"{length - reader.BaseStream.Position} bytes follow the last field");
            }

            return result;
        }
        catch (Exception error) when (error is EndOfStreamException or InvalidDataException or IOException or ArgumentException or OverflowException)
        {
            throw format.Fault(path,
                $"{format.Title} '{path}' has a valid checksum but an unreadable payload ({error.Message}); it was not written by this format version. {format.DamagedAdvice}", error);
        }
    }

    /// <summary>The verified file: its bytes, format version and payload length.</summary>
    private static (byte[] Bytes, int Version, int Length) Open(string path, FileFormat format)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw format.Fault(path, $"{format.Title} '{path}' cannot be read ({error.Message}). {format.CannotReadAdvice}", error);
        }

        if (!HasMagic(bytes, format) && !StartsMagic(bytes, format))
        {
            throw format.Fault(path, Foreign(path, bytes, format), null);
        }

        if (bytes.Length < HeaderLength + HashLength)
        {
            throw format.Fault(path,
                $"{format.Title} '{path}' is truncated: {bytes.Length} bytes, shorter than the {HeaderLength + HashLength}-byte header and checksum. {format.DamagedAdvice}", null);
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version < format.OldestReadableVersion || version > format.Version)
        {
            throw format.Fault(path,
                $"{format.Title} '{path}' has format version {version} but this library reads {format.ReadableVersions}. {format.VersionAdvice}", null);
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        var expected = HeaderLength + length + HashLength;
        if (length < 0 || bytes.Length != expected)
        {
            throw format.Fault(path,
                $"{format.Title} '{path}' is truncated or damaged: the header announces {expected} bytes but the file has {bytes.Length}. {format.DamagedAdvice}", null);
        }

        var body = bytes.AsSpan(0, HeaderLength + (int)length);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(HeaderLength + (int)length, HashLength)))
        {
            throw format.Fault(path, $"{format.Title} '{path}' is corrupted: its SHA-256 checksum does not match its contents. {format.DamagedAdvice}", null);
        }

        return (bytes, version, (int)length);
    }

    // A file shorter than the magic that begins like it (an empty file included) was cut short, not written by someone else.
    private static bool StartsMagic(ReadOnlySpan<byte> bytes, FileFormat format) =>
        bytes.Length < format.Magic.Length && Encoding.ASCII.GetBytes(format.Magic).AsSpan().StartsWith(bytes);

    private static bool HasMagic(ReadOnlySpan<byte> bytes, FileFormat format) =>
        bytes.Length >= format.Magic.Length && bytes[..format.Magic.Length].SequenceEqual(Encoding.ASCII.GetBytes(format.Magic));

    // A file of another SpectrumDsl kind is named as such, with the call that reads it; anything else is not ours.
    private static string Foreign(string path, byte[] bytes, FileFormat format)
    {
        var other = FileFormats.All.FirstOrDefault(kind => kind != format && HasMagic(bytes, kind));
        return other is null
            ? $"'{path}' is not {format.Description} (the magic header '{format.Magic}' is missing). {format.Origin}"
            : $"'{path}' is {other.Description} (magic header '{other.Magic}'), not {format.Description} (magic header '{format.Magic}'): open it with {other.OpenWith}. {format.Origin}";
    }
}
