using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (plain or gzip-compressed, recognised by
/// content). Image files (3 dimensions: count, rows, columns) become one image per matrix row;
/// label files (1 dimension) become integer labels. Pixels keep their stored values 0..255 (MNIST's
/// documented range); scaling is the job of <see cref="Preprocessor"/>. Every problem is an
/// <see cref="IdxFormatException"/> naming the file, what was expected and what was found.
/// </summary>
public static class Idx
{
    /// <summary>The images of an IDX image file: an n x (rows * columns) matrix, row-major pixels, values 0..255.</summary>
    public static Matrix<double> ReadImages(string path) => ReadImageFile(path).Images;

    /// <summary>The labels of an IDX label file: n integers in 0..255.</summary>
    public static int[] ReadLabels(string path)
    {
        Guard.NotNull(path, nameof(path));
        using var file = IdxFile.Open(path);
        var count = file.ReadHeader(1, "label files", "an image file is read with Idx.ReadImages.")[0];
        var payload = file.ReadPayload(count, 8, $"{count} labels");
        return Array.ConvertAll(payload, value => (int)value);
    }

    /// <summary>
    /// An image file and its label file as one classification data set (for example
    /// train-images-idx3-ubyte.gz with train-labels-idx1-ubyte.gz); feature names are
    /// "pixel_r_c" (0-based row and column). The two files must hold the same number of points.
    /// </summary>
    public static ClassData ReadClasses(string imagesPath, string labelsPath)
    {
        var (images, rows, columns) = ReadImageFile(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != images.RowCount)
        {
            throw new IdxFormatException(labelsPath, null,
                $"holds {labels.Length} labels but the image file {imagesPath} holds {images.RowCount} images; each image needs exactly one label. Pair the training images with the training labels and the test images with the test labels.");
        }

        var names = new string[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                names[r * columns + c] = string.Create(CultureInfo.InvariantCulture, $"pixel_{r}_{c}");
            }
        }

        return new ClassData(images, labels, names);
    }

    private static (Matrix<double> Images, int Rows, int Columns) ReadImageFile(string path)
    {
        Guard.NotNull(path, nameof(path));
        using var file = IdxFile.Open(path);
        var sizes = file.ReadHeader(3, "image files (count, rows, columns)", "a label file is read with Idx.ReadLabels.");
        var (count, rows, columns) = (sizes[0], sizes[1], sizes[2]);
        var payload = file.ReadPayload((long)count * rows * columns, 16, $"{count} images of {rows} x {columns} pixels");
        return (ColumnMajor.FromRowMajor<byte>(payload, count, rows * columns), rows, columns);
    }
}
