using System.Buffers.Binary;
using System.IO.Compression;

namespace SpectrumDsl.Data;

/// <summary>
/// One IDX file opened for reading, plain or gzip-compressed. Compression is recognised by the gzip
/// magic bytes 1F 8B, not by the file name: the MNIST mirrors ship both ".gz" and renamed files.
/// Layout (LeCun's MNIST page): 00 00, element type, dimension count D, D big-endian 32-bit sizes,
/// then the elements in row-major order.
/// </summary>
internal sealed class IdxFile : IDisposable
{
    private const byte UnsignedByte = 0x08;
    private readonly Stream stream;
    private readonly long? plainLength;

    private IdxFile(string path, Stream stream, long? plainLength, bool compressed)
    {
        Path = path;
        this.stream = stream;
        this.plainLength = plainLength;
        Compressed = compressed;
    }

    public string Path { get; }

    public bool Compressed { get; }

    public static IdxFile Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var compressed = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        file.Position = 0;
        return compressed
            ? new IdxFile(path, new GZipStream(file, CompressionMode.Decompress), plainLength: null, compressed: true)
            : new IdxFile(path, file, file.Length, compressed: false);
    }

    /// <summary>Reads and checks the header of an unsigned-byte file with <paramref name="dimensionCount"/> dimensions; returns the sizes.</summary>
    public int[] ReadHeader(int dimensionCount, string content, string otherwise)
    {
        Span<byte> magic = stackalloc byte[4];
        var found = Read(magic);
        if (found < 4)
        {
            throw Error(null, $"{Content()} is {found} byte(s) long, too short for the 4-byte IDX magic number (00 00 08 {dimensionCount:X2} for {content}).");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw Error(0, $"does not start with an IDX magic number: expected 00 00 08 {dimensionCount:X2} ({content}) but found {Convert.ToHexString(magic)}. Is this an MNIST-format (IDX) file?");
        }

        if (magic[2] != UnsignedByte)
        {
            throw Error(2, $"element type 0x{magic[2]:X2} ({TypeName(magic[2])}) is not supported: only 0x08 (unsigned byte), the type of MNIST and Fashion-MNIST images and labels, is read.");
        }

        if (magic[3] != dimensionCount)
        {
            throw Error(3, $"has {magic[3]} dimension(s) but {content} have {dimensionCount}; {otherwise}");
        }

        Span<byte> sizeBytes = stackalloc byte[4 * dimensionCount];
        if (Read(sizeBytes) < sizeBytes.Length)
        {
            throw Error(null, $"{Content()} ends inside the header: {dimensionCount} dimension sizes need {4 + 4 * dimensionCount} bytes.");
        }

        var sizes = new int[dimensionCount];
        for (var i = 0; i < dimensionCount; i++)
        {
            sizes[i] = BinaryPrimitives.ReadInt32BigEndian(sizeBytes.Slice(4 * i, 4));
            if (sizes[i] <= 0)
            {
                throw Error(4 + 4 * i, $"dimension {i + 1} of {content} has size {(uint)sizes[i]}; every size must be at least 1.");
            }
        }

        return sizes;
    }

    /// <summary>Reads exactly <paramref name="length"/> payload bytes and checks that nothing follows them.</summary>
    public byte[] ReadPayload(long length, int headerLength, string shape)
    {
        if (length > Array.MaxLength)
        {
            throw Error(null, $"{shape} is {length} values, more than one array can hold ({Array.MaxLength}).");
        }

        var payload = new byte[length];
        var found = Read(payload);
        var expected = $"{headerLength + length} bytes ({headerLength}-byte header + {shape})";
        if (found < length)
        {
            throw Error(null, $"{Content()} is truncated: expected {expected} but found {headerLength + found}.");
        }

        var extra = CountRest();
        if (extra > 0)
        {
            throw Error(headerLength + length, $"{Content()} is too long: expected {expected} but found {headerLength + length + extra}. The header's sizes do not describe this payload.");
        }

        return payload;
    }

    public IdxFormatException Error(long? position, string message, Exception? inner = null) => new(Path, position, message, inner);

    public void Dispose() => stream.Dispose();

    private int Read(Span<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException corrupt)
        {
            throw Error(null, $"the gzip data is corrupt ({corrupt.Message}). Download or decompress the file again.", corrupt);
        }
    }

    private long CountRest()
    {
        if (plainLength is long total)
        {
            return total - stream.Position;
        }

        var rest = 0L;
        var buffer = new byte[1 << 16];
        int read;
        while ((read = Read(buffer)) > 0)
        {
            rest += read;
        }

        return rest;
    }

    private string Content() => Compressed ? "the decompressed content" : "the file";

    private static string TypeName(byte type) => type switch
    {
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "not an IDX type",
    };
}
