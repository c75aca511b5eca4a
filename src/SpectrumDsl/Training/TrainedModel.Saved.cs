using SpectrumDsl.Data;
using SpectrumDsl.Networks;
using SpectrumDsl.Persistence;

namespace SpectrumDsl.Training;

/// <summary>A model in a file: the network with its architecture, the preprocessor, the target scaler and the classes.</summary>
public sealed partial class TrainedModel
{
    /// <summary>
    /// Saves the model to <paramref name="path"/>: the network (activation, depth, bias scale, width, input dimension,
    /// outputs, parameters), whether it classifies and the class names, the preprocessor's fitted statistics and the
    /// target scaler, in one checksummed file written atomically (a temporary file renamed over the path; format in
    /// docs/reliability.md#saved-models).
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists); its directory must exist.</param>
    /// <exception cref="ArgumentException">The path is empty or its directory does not exist.</exception>
    /// <exception cref="IOException">Writing failed; a file already at the path is unchanged.</exception>
    public void Save(string path)
    {
        ChecksummedFile.Save(path, FileFormats.Model, Write, "the model");
    }

    /// <summary>
    /// Reads a model written by <see cref="Save"/> or <see cref="TrainingResult.Save"/>, in this or any other process. Its
    /// predictions are bit-identical to those of the model saved, on the same machine and runtime.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ModelFileException">
    /// The file is missing, not a model file (a checkpoint, kernel or preprocessor file is named as such), of a format
    /// version this library does not read, truncated, corrupted (SHA-256 mismatch) or inconsistent; the message names
    /// the file, the fault and what to do.
    /// </exception>
    public static TrainedModel Load(string path)
    {
        return ChecksummedFile.Load(path, FileFormats.Model, Read);
    }

    private void Write(BinaryWriter w)
    {
        network.Write(w);
        w.Write(IsClassifier);
        w.Write(ClassNames is not null);
        if (ClassNames is not null)
        {
            SavedBinary.Write(w, ClassNames);
        }

        w.Write(Preprocessor is not null);
        Preprocessor?.Write(w);
        w.Write(TargetScaler is not null);
        TargetScaler?.Write(w);
    }

    private static TrainedModel Read(BinaryReader r)
    {
        var network = FullyConnectedNetwork.Read(r);
        var classifier = r.ReadBoolean();
        var names = r.ReadBoolean() ? SavedBinary.ReadStrings(r) : null;
        var preprocessor = r.ReadBoolean() ? Data.Preprocessor.Read(r) : null;
        var scaler = r.ReadBoolean() ? Data.TargetScaler.Read(r) : null;
        return Misfit(network, classifier, preprocessor, scaler, names) is { } problem
            ? throw new InvalidDataException($"its pieces do not fit together: {problem.Message}")
            : new TrainedModel(network, classifier, preprocessor, scaler, names);
    }
}
