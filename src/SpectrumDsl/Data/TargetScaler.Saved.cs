using SpectrumDsl.Persistence;

namespace SpectrumDsl.Data;

/// <summary>A target scaler inside a model file (<c>TrainingResult.Save</c>).</summary>
public sealed partial class TargetScaler
{
    /// <summary>Writes the mean and standard deviation of every target column; the divisors are recomputed on reading, by the same rule.</summary>
    internal void Write(BinaryWriter w)
    {
        SavedBinary.Write(w, statistics.Mean);
        SavedBinary.Write(w, statistics.StandardDeviation);
    }

    /// <summary>The scaler <see cref="Write"/> wrote.</summary>
    internal static TargetScaler Read(BinaryReader r)
    {
        var mean = SavedBinary.ReadDoubles(r);
        if (mean.Length < 1)
        {
            throw new InvalidDataException("the target scaler has no outputs");
        }

        return new TargetScaler(new FeatureStatistics(mean, SavedBinary.ReadDoubles(r, mean.Length, "the target scaler's standard deviation")));
    }
}
