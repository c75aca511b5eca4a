using SpectrumDsl.Training.Checkpoints;

namespace SpectrumDsl.Persistence;

/// <summary>
/// Every kind of file SpectrumDsl writes. Each has its own magic, so a file passed to the wrong reader is
/// recognised and the message names the reader it belongs to.
/// </summary>
internal static class FileFormats
{
    /// <summary>
    /// A training run saved between two steps (<see cref="TrainingCheckpoint"/>); its versions are the checkpoint's
    /// own, and its messages are those checkpoints have always given.
    /// </summary>
    public static readonly FileFormat Checkpoint = new(
        "SPDSLCKP", TrainingCheckpoint.FormatVersion, TrainingCheckpoint.OldestReadableVersion,
        "Checkpoint", "a SpectrumDsl training checkpoint", "Trainer.Resume",
        "Pass the path a run saved through CheckpointOptions.",
        "Check the path, or start a new run with Trainer.Run.",
        "Resume from an older checkpoint or start a new run with Trainer.Run.",
        "Resume with the library version that wrote it, or start a new run.",
        (path, message, inner) => new CheckpointException(path, message, inner));

    /// <summary>A trained network with its preprocessing, target scaling and classes (<see cref="Training.TrainedModel"/>).</summary>
    public static readonly FileFormat Model = Saved(
        "SPDSLMDL", "Model file", "a SpectrumDsl model file", "TrainedModel.Load",
        "Pass a file written by TrainingResult.Save or TrainedModel.Save.",
        "Save the model again from its TrainingResult, or use an intact copy of the file.",
        "save the model again");

    /// <summary>A Modified Spectrum Kernel: base kernel, training inputs, eigenpairs and targets (<see cref="Msk.ModifiedSpectrumKernel.Save"/>).</summary>
    public static readonly FileFormat Kernel = Saved(
        "SPDSLMSK", "Kernel file", "a SpectrumDsl Modified Spectrum Kernel file", "ModifiedSpectrumKernel.Load",
        "Pass a file written by ModifiedSpectrumKernel.Save.",
        "Build the kernel again (ModifiedSpectrumKernel.Build) and save it, or use an intact copy of the file.",
        "build and save the kernel again");

    /// <summary>A fitted <see cref="Data.Preprocessor"/> on its own (<see cref="Data.Preprocessor.Save"/>).</summary>
    public static readonly FileFormat Preprocessor = Saved(
        "SPDSLPRE", "Preprocessor file", "a SpectrumDsl preprocessor file", "Preprocessor.Load",
        "Pass a file written by Preprocessor.Save.",
        "Fit the preprocessor again on the training data and save it, or use an intact copy of the file.",
        "fit and save it again");

    /// <summary>A fitted <see cref="Data.TargetScaler"/> on its own (<see cref="Data.TargetScaler.Save"/>).</summary>
    public static readonly FileFormat TargetScaler = Saved(
        "SPDSLTSC", "Target scaler file", "a SpectrumDsl target scaler file", "TargetScaler.Load",
        "Pass a file written by TargetScaler.Save.",
        "Fit the scaler again on the training targets and save it, or use an intact copy of the file.",
        "fit and save it again");

    /// <summary>All kinds, to recognise a file given to the wrong reader.</summary>
    public static IReadOnlyList<FileFormat> All { get; } = [Checkpoint, Model, Kernel, Preprocessor, TargetScaler];

    // A kind a user saves with Save(path): version 1, refused with ModelFileException; what differs is named here.
    private static FileFormat Saved(string magic, string title, string description, string openWith, string origin, string damagedAdvice, string remake) => new(
        magic, 1, 1, title, description, openWith, origin,
        "Check the path and its permissions.",
        damagedAdvice,
        $"Load it with the SpectrumDsl version that wrote it (or a newer one), or {remake} with this version.",
        (path, message, inner) => new ModelFileException(path, message, inner));
}
