using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;

namespace FashionMnist;

/// <summary>
/// The images the networks train on: the first n training and test images, centred, projected on the
/// training set's top principal directions (optional) and put on the sphere of radius sqrt(d), where the
/// network's first layer sees x.z / d of the order of beta^2 (docs/design.md#data).
/// </summary>
public sealed record FashionData(Matrix<double> TrainX, IReadOnlyList<int> TrainLabels, Matrix<double> TestX, IReadOnlyList<int> TestLabels, InputBalance Balance)
{
    public const int TrainImages = 60000;

    public const int TestImages = 10000;

    /// <summary>The ten classes, in label order.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly (string Images, string Labels) TrainFiles = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte");

    private static readonly (string Images, string Labels) TestFiles = ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /// <summary>Null when all four files are in <paramref name="folder"/> (gzip or plain); otherwise what is missing and how to get it.</summary>
    public static string? Missing(string folder)
    {
        var missing = new[] { TrainFiles.Images, TrainFiles.Labels, TestFiles.Images, TestFiles.Labels }
            .Where(name => Find(folder, name) is null)
            .Select(name => name + ".gz")
            .ToArray();
        return missing.Length == 0
            ? null
            : $"Fashion-MNIST not found: {folder} lacks {string.Join(", ", missing)}. Install the Debian package dataset-fashion-mnist "
              + $"(apt-get install dataset-fashion-mnist, which puts the files in {CommandLine.DebianDataFolder}) or pass --data <folder> "
              + "with the four IDX files (gzip or plain).";
    }

    /// <summary>Reads the four files of <paramref name="folder"/> (check <see cref="Missing"/> first) and prepares the first images.</summary>
    public static FashionData Load(string folder, int train, int test, int components, double biasScale)
    {
        var training = Idx.ReadClasses(Find(folder, TrainFiles.Images)!, Find(folder, TrainFiles.Labels)!);
        var testing = Idx.ReadClasses(Find(folder, TestFiles.Images)!, Find(folder, TestFiles.Labels)!);
        return Prepare(First(training, train), First(testing, test), components, biasScale);
    }

    /// <summary>Fits the preprocessing on <paramref name="train"/> and applies it to both sets.</summary>
    /// <param name="train">Training images and labels (the preprocessing is fitted on them).</param>
    /// <param name="test">Test images and labels.</param>
    /// <param name="components">Principal components kept; 0 keeps every pixel.</param>
    /// <param name="biasScale">beta, for the input balance report.</param>
    public static FashionData Prepare(ClassData train, ClassData test, int components, double biasScale)
    {
        // Pixels share one unit, so they are not scaled to unit variance: rarely lit border pixels
        // would be blown up to the scale of the informative ones (PreprocessOptions.Scale).
        var options = new PreprocessOptions { Scale = false, Components = components > 0 ? components : null };
        var preprocessor = Preprocessor.Fit(train.Features, options);
        var trainX = preprocessor.Apply(train.Features);
        return new FashionData(trainX, train.Labels, preprocessor.Apply(test.Features), test.Labels, InputBalance.Measure(trainX, biasScale));
    }

    private static ClassData First(ClassData data, int count) => count >= data.Count
        ? data
        : new ClassData(data.Features.SubMatrix(0, count, 0, data.Features.ColumnCount), data.Labels.Take(count).ToArray(), data.FeatureNames);

    private static string? Find(string folder, string name) =>
        new[] { name + ".gz", name }.Select(file => Path.Combine(folder, file)).FirstOrDefault(File.Exists);
}
