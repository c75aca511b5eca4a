using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// Points with real-valued targets: <see cref="Features"/> X (n x d, one point per row) and
/// <see cref="Targets"/> Y (n x c, one target vector per row), as read by <see cref="Csv.Read"/>.
/// </summary>
/// <remarks>
/// The matrices are handed over, not shared: nothing else holds them, and nothing in the library
/// changes them. They are not copied on access (a data set can be hundreds of megabytes).
/// </remarks>
public sealed record RegressionData
{
    /// <summary>Checks that the parts describe the same n points and the same columns.</summary>
    public RegressionData(Matrix<double> features, Matrix<double> targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames)
    {
        DataShape.Check(features, featureNames, nameof(features), nameof(featureNames));
        DataShape.Check(targets, targetNames, nameof(targets), nameof(targetNames));
        Guard.SameLength(targets.RowCount, "targets' row count", features.RowCount, "features' row count");
        Features = features;
        Targets = targets;
        FeatureNames = featureNames.ToArray();
        TargetNames = targetNames.ToArray();
    }

    /// <summary>X, n x d: one point per row.</summary>
    public Matrix<double> Features { get; }

    /// <summary>Y, n x c: one target vector per row.</summary>
    public Matrix<double> Targets { get; }

    /// <summary>The d feature names, in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The c target names, in column order.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>n, the number of points.</summary>
    public int Count => Features.RowCount;
}
