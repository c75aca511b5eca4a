using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// Points with integer class labels: <see cref="Features"/> X (n x d, one point per row) and
/// <see cref="Labels"/> (n labels, 0, 1, 2, ...), as read by <see cref="Csv.ReadClasses"/> and
/// <see cref="Idx.ReadClasses"/>. <see cref="Classification.ClassLabels.CentredOneHot"/> turns the
/// labels into square-loss targets.
/// </summary>
/// <remarks>
/// The feature matrix is handed over, not shared: nothing else holds it, and nothing in the library
/// changes it. It is not copied on access (Fashion-MNIST's training images are 376 MB as doubles).
/// </remarks>
public sealed record ClassData
{
    /// <summary>Checks that the parts describe the same n points and that every label is &gt;= 0.</summary>
    public ClassData(Matrix<double> features, IReadOnlyList<int> labels, IReadOnlyList<string> featureNames)
    {
        DataShape.Check(features, featureNames, nameof(features), nameof(featureNames));
        Guard.NotNull(labels, nameof(labels));
        Guard.SameLength(labels.Count, "labels", features.RowCount, "features' row count");
        var copy = labels.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] < 0)
            {
                throw new ArgumentException($"labels must be class indices 0, 1, 2, ... but row {i} has {copy[i]}.", nameof(labels));
            }
        }

        Features = features;
        Labels = Array.AsReadOnly(copy);
        FeatureNames = featureNames.ToArray();
    }

    /// <summary>X, n x d: one point per row.</summary>
    public Matrix<double> Features { get; }

    /// <summary>The n class labels, each &gt;= 0.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The d feature names, in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>n, the number of points.</summary>
    public int Count => Features.RowCount;

    /// <summary>One more than the largest label: the number of outputs a network needs for these labels.</summary>
    public int ClassCount => Labels.Count == 0 ? 0 : Labels.Max() + 1;
}
