using SpectrumDsl.Persistence;

namespace SpectrumDsl.Data;

/// <summary>A fitted preprocessor kept without its training data: saved on its own or inside a model file.</summary>
public sealed partial class Preprocessor
{
    /// <summary>
    /// Saves the fitted statistics (options, per-feature mean and standard deviation, principal directions and their
    /// variances) to <paramref name="path"/>, atomically and checksummed (docs/reliability.md#saved-models).
    /// <see cref="Load"/> gives back a preprocessor whose <see cref="Apply"/> is bit-identical to this one's. A model
    /// saved with <c>TrainingResult.Save</c> carries its preprocessor already; this is for using it elsewhere (for
    /// example with a saved <see cref="Msk.ModifiedSpectrumKernel"/>).
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists); its directory must exist.</param>
    /// <exception cref="ArgumentException">The path is empty or its directory does not exist.</exception>
    /// <exception cref="IOException">Writing failed; a file already at the path is unchanged.</exception>
    public void Save(string path)
    {
        ChecksummedFile.Save(path, FileFormats.Preprocessor, Write, "the preprocessor");
    }

    /// <summary>Reads a preprocessor written by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ModelFileException">
    /// The file is missing, not a preprocessor file (a model, kernel or checkpoint is named as such), of another
    /// format version, truncated, corrupted or inconsistent; the message says which and what to do.
    /// </exception>
    public static Preprocessor Load(string path)
    {
        return ChecksummedFile.Load(path, FileFormats.Preprocessor, Read);
    }

    /// <summary>Writes the options and every fitted statistic; the derived quantities are recomputed on reading, by the same code.</summary>
    internal void Write(BinaryWriter w)
    {
        w.Write(Options.Centre);
        w.Write(Options.Scale);
        SavedBinary.WriteOptional(w, Options.Components);
        SavedBinary.WriteOptional(w, Options.AppendConstant);
        w.Write((int)Options.Sphere);
        SavedBinary.Write(w, statistics.Mean);
        SavedBinary.Write(w, statistics.StandardDeviation);
        w.Write(directions is not null);
        if (directions is not null)
        {
            SavedBinary.Write(w, directions);
            SavedBinary.Write(w, variances!);
        }
    }

    /// <summary>The preprocessor <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The statistics do not fit together.</exception>
    internal static Preprocessor Read(BinaryReader r)
    {
        var options = new PreprocessOptions
        {
            Centre = r.ReadBoolean(), Scale = r.ReadBoolean(), Components = SavedBinary.ReadOptionalInt(r), AppendConstant = SavedBinary.ReadOptionalDouble(r),
            Sphere = SavedBinary.ReadEnum<SphereProjection>(r),
        };
        var mean = SavedBinary.ReadDoubles(r);
        if (mean.Length < 1)
        {
            throw new InvalidDataException("the preprocessor has no features");
        }

        var deviation = SavedBinary.ReadDoubles(r, mean.Length, "the preprocessor's standard deviation");
        var projected = r.ReadBoolean();
        var found = projected ? SavedBinary.ReadMatrix(r, "the principal directions") : null;
        var componentVariances = projected ? SavedBinary.ReadDoubles(r, found!.ColumnCount, "the principal variances") : null;
        if (found is not null && (found.RowCount != mean.Length || options.Components != found.ColumnCount))
        {
            throw new InvalidDataException(
                $"the principal directions are {found.RowCount} x {found.ColumnCount} but the preprocessor has {mean.Length} features and keeps {options.Components?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "every"} component(s)");
        }

        if (found is null && options.Components is not null)
        {
            throw new InvalidDataException($"the options keep {options.Components} components but no principal directions are stored");
        }

        return new Preprocessor(options, new FeatureStatistics(mean, deviation), found, componentVariances);
    }
}
