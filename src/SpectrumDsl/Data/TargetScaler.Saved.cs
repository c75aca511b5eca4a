using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Persistence;

namespace SpectrumDsl.Data;

/// <summary>A fitted target scaler kept without its training targets: saved on its own or inside a model file.</summary>
public sealed partial class TargetScaler
{
    /// <summary>
    /// Saves each target column's mean and standard deviation to <paramref name="path"/>, atomically and checksummed
    /// (docs/reliability.md#saved-models). <see cref="Load"/> gives back a scaler whose <see cref="Apply(Matrix{double})"/>
    /// and <see cref="Inverse(Matrix{double})"/> are bit-identical to this one's. A model saved with
    /// <c>TrainingResult.Save</c> carries its scaler already; this is for scaling targets elsewhere (for example with a
    /// saved <see cref="Msk.ModifiedSpectrumKernel"/> trained on scaled targets).
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists); its directory must exist.</param>
    /// <exception cref="ArgumentException">The path is empty or its directory does not exist.</exception>
    /// <exception cref="IOException">Writing failed; a file already at the path is unchanged.</exception>
    public void Save(string path)
    {
        ChecksummedFile.Save(path, FileFormats.TargetScaler, Write, "the target scaler");
    }

    /// <summary>Reads a target scaler written by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ModelFileException">
    /// The file is missing, not a target scaler file (a model, kernel, preprocessor or checkpoint is named as such), of
    /// another format version, truncated, corrupted or inconsistent; the message says which and what to do.
    /// </exception>
    public static TargetScaler Load(string path)
    {
        return ChecksummedFile.Load(path, FileFormats.TargetScaler, Read);
    }

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
