using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;
using SpectrumDsl.Data;
using SpectrumDsl.Tests.Reliability;

namespace SpectrumDsl.Tests.Data;

/// <summary>IDX (MNIST format) files written here byte by byte, plain and gzip, read back or refused.</summary>
public class IdxTests
{
    // Three 2 x 3 images; pixel (image k, row r, column c) = 100 k + 10 r + c, so every position is recognisable.
    private static readonly byte[] Pixels = Enumerable.Range(0, 3)
        .SelectMany(k => Enumerable.Range(0, 2).SelectMany(r => Enumerable.Range(0, 3).Select(c => (byte)(100 * k + 10 * r + c))))
        .ToArray();

    private static readonly byte[] ImageFile = IdxBytes(0x08, [3, 2, 3], Pixels);
    private static readonly byte[] LabelFile = IdxBytes(0x08, [3], [7, 0, 255]);

    [Theory]
    [InlineData(false, "images.idx")]
    [InlineData(true, "images.idx.gz")]
    [InlineData(true, "gzip-without-suffix.idx")]   // compression is recognised by content ...
    [InlineData(false, "plain-named.gz")]           // ... not by name
    public void Images_read_one_per_row_in_row_major_pixel_order(bool gzip, string name)
    {
        using var folder = new TempDirectory();
        var images = SpectrumDsl.Data.Idx.ReadImages(Save(folder, name, ImageFile, gzip));

        Assert.Equal(3, images.RowCount);
        Assert.Equal(6, images.ColumnCount);
        for (var k = 0; k < 3; k++)
        {
            for (var r = 0; r < 2; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    Assert.Equal(100 * k + 10 * r + c, images[k, 3 * r + c]);
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_read_as_integers_including_255(bool gzip)
    {
        using var folder = new TempDirectory();
        Assert.Equal([7, 0, 255], SpectrumDsl.Data.Idx.ReadLabels(Save(folder, "labels", LabelFile, gzip)));
    }

    [Fact]
    public void An_image_file_and_its_label_file_form_a_class_data_set_with_pixel_names()
    {
        using var folder = new TempDirectory();
        var data = SpectrumDsl.Data.Idx.ReadClasses(Save(folder, "images", ImageFile, gzip: true), Save(folder, "labels", LabelFile, gzip: false));

        Assert.Equal([7, 0, 255], data.Labels);
        Assert.Equal(212, data.Features[2, 5]);   // image 2, row 1, column 2
        Assert.Equal(["pixel_0_0", "pixel_0_1", "pixel_0_2", "pixel_1_0", "pixel_1_1", "pixel_1_2"], data.FeatureNames);
    }

    [Fact]
    public void Image_and_label_counts_that_differ_are_refused_naming_both_files()
    {
        using var folder = new TempDirectory();
        var images = Save(folder, "images", ImageFile, gzip: false);
        var labels = Save(folder, "labels", IdxBytes(0x08, [2], [1, 2]), gzip: false);

        var error = Assert.Throws<IdxFormatException>(() => SpectrumDsl.Data.Idx.ReadClasses(images, labels));
        Assert.Equal(labels, error.FilePath);
        Assert.Contains("holds 2 labels but the image file " + images + " holds 3 images", error.Message);
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "magic", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], "byte 0: does not start with an IDX magic number: expected 00 00 08 03 (image files (count, rows, columns)) but found 504B0304" },
        { "type", IdxBytes(0x0D, [1, 1, 1], [0, 0, 0, 0]), "byte 2: element type 0x0D (32-bit float) is not supported: only 0x08 (unsigned byte)" },
        { "dimensions", LabelFile, "byte 3: has 1 dimension(s) but image files (count, rows, columns) have 3; a label file is read with Idx.ReadLabels." },
        { "short", [0, 0], "is 2 byte(s) long, too short for the 4-byte IDX magic number" },
        { "header", ImageFile[..9], "ends inside the header: 3 dimension sizes need 16 bytes." },
        { "zero size", IdxBytes(0x08, [0, 2, 3], []), "byte 4: dimension 1 of image files (count, rows, columns) has size 0" },
        { "truncated", ImageFile[..^1], "truncated: expected 34 bytes (16-byte header + 3 images of 2 x 3 pixels) but found 33." },
        { "oversized", [.. ImageFile, 0, 0], "byte 34: the file is too long: expected 34 bytes (16-byte header + 3 images of 2 x 3 pixels) but found 36." },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_image_file_is_refused_with_expected_and_found(string name, byte[] content, string fragment)
    {
        using var folder = new TempDirectory();
        var path = Save(folder, name, content, gzip: false);
        var error = Assert.Throws<IdxFormatException>(() => SpectrumDsl.Data.Idx.ReadImages(path));
        Assert.Equal(path, error.FilePath);
        Assert.Matches("^" + Regex.Escape(path) + @"(, byte \d+)?: ", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void A_gzip_file_with_a_truncated_or_oversized_payload_reports_the_decompressed_length()
    {
        using var folder = new TempDirectory();
        var shortPath = Save(folder, "short.gz", ImageFile[..^4], gzip: true);
        var truncated = Assert.Throws<IdxFormatException>(() => SpectrumDsl.Data.Idx.ReadImages(shortPath));
        Assert.Contains("the decompressed content is truncated: expected 34 bytes (16-byte header + 3 images of 2 x 3 pixels) but found 30.", truncated.Message);

        var longPath = Save(folder, "long.gz", [.. LabelFile, 9], gzip: true);
        var oversized = Assert.Throws<IdxFormatException>(() => SpectrumDsl.Data.Idx.ReadLabels(longPath));
        Assert.Contains("the decompressed content is too long: expected 11 bytes (8-byte header + 3 labels) but found 12.", oversized.Message);
    }

    [Fact]
    public void A_cut_or_corrupt_gzip_stream_is_an_idx_error_naming_the_file()
    {
        using var folder = new TempDirectory();
        var compressed = Compress(ImageFile);
        var cut = Save(folder, "cut.gz", compressed[..(compressed.Length / 2)], gzip: false);
        Assert.Equal(cut, Assert.Throws<IdxFormatException>(() => SpectrumDsl.Data.Idx.ReadImages(cut)).FilePath);

        var corrupt = (byte[])compressed.Clone();
        for (var i = 10; i < corrupt.Length - 8; i++)
        {
            corrupt[i] ^= 0x5A;
        }

        var bad = Save(folder, "corrupt.gz", corrupt, gzip: false);
        Assert.Equal(bad, Assert.Throws<IdxFormatException>(() => SpectrumDsl.Data.Idx.ReadImages(bad)).FilePath);
    }

    [Fact]
    public void A_label_file_must_have_one_dimension()
    {
        using var folder = new TempDirectory();
        var path = Save(folder, "images-as-labels", ImageFile, gzip: false);
        var error = Assert.Throws<IdxFormatException>(() => SpectrumDsl.Data.Idx.ReadLabels(path));
        Assert.Contains("has 3 dimension(s) but label files have 1; an image file is read with Idx.ReadImages.", error.Message);
    }

    /// <summary>An IDX file: 00 00, type, dimension count, big-endian sizes, payload.</summary>
    internal static byte[] IdxBytes(byte type, int[] sizes, byte[] payload)
    {
        var bytes = new byte[4 + 4 * sizes.Length + payload.Length];
        bytes[2] = type;
        bytes[3] = (byte)sizes.Length;
        for (var i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), sizes[i]);
        }

        payload.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }

    private static byte[] Compress(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }

    private static string Save(TempDirectory folder, string name, byte[] content, bool gzip)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, gzip ? Compress(content) : content);
        return path;
    }
}
