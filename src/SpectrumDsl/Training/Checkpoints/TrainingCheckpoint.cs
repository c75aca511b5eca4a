using SpectrumDsl.Persistence;
using SpectrumDsl.Training.Loop;
using SpectrumDsl.Training.Setup;

namespace SpectrumDsl.Training.Checkpoints;

/// <summary>
/// A run saved between two steps: its fingerprint, what it kept of its setup (<see cref="SetupRecord"/>) and
/// its <see cref="RunState"/>: everything <c>Trainer.Resume</c> needs to continue bit-identically.
/// The initial network is not stored (it is made again from the seed); its residual R_0 is, to detect a
/// machine or runtime that computes it differently.
/// </summary>
/// <remarks>
/// File layout: the shared container (<see cref="ChecksummedFile"/>: magic "SPDSLCKP", format version, payload
/// length, payload, SHA-256). The payload starts with the canonical
/// configuration text and its SHA-256, the SHA-256 of the training data (x, y) and of the test data,
/// then the shapes, the setup record, R_0 and the run state.
/// </remarks>
internal sealed partial class TrainingCheckpoint
{
    public const int FormatVersion = 6;

    /// <summary>
    /// The oldest version this library resumes: version 4 lacks the recovery state, which starts empty; version 5 the
    /// count of setbacks, which starts at 0.
    /// </summary>
    public const int OldestReadableVersion = 4;
    private const int HashLength = 32;

    public required RunFingerprint Fingerprint { get; init; }
    public required string TargetDescription { get; init; }
    public required int SampleCount { get; init; }
    public required int Dimension { get; init; }
    public required int Outputs { get; init; }
    public required SetupRecord Setup { get; init; }
    public required double[] InitialResidual { get; init; }
    public required RunState State { get; init; }

    /// <summary>Saves <paramref name="state"/> of the run made from <paramref name="setup"/>.</summary>
    public static void Write(TrainingSetup setup, RunState state, CheckpointOptions options) => new TrainingCheckpoint
    {
        Fingerprint = setup.Fingerprint, TargetDescription = setup.Config.Target.Description, SampleCount = setup.Data.Count,
        Dimension = setup.Data.Dimension, Outputs = setup.Data.Outputs, Setup = SetupRecord.Of(setup),
        InitialResidual = setup.InitialResidual.AsColumnMajorArray() ?? setup.InitialResidual.ToColumnMajorArray(), State = state,
    }.Write(options);

    /// <summary>Writes atomically through the shared container (<see cref="ChecksummedFile.WriteAtomically"/>).</summary>
    private void Write(CheckpointOptions options) =>
        ChecksummedFile.WriteAtomically(options.Path, ChecksummedFile.Frame(FileFormats.Checkpoint, WritePayload),
            $"the checkpoint for step {State.Step}", "the previous checkpoint", options.StreamWrapper);

    private void WritePayload(BinaryWriter w)
    {
        w.Write(Fingerprint.ConfigText);
        w.Write(Fingerprint.ConfigHash);
        w.Write(Fingerprint.DataHash);
        w.Write(Fingerprint.TestDataHash);
        w.Write(TargetDescription);
        w.Write(SampleCount);
        w.Write(Dimension);
        w.Write(Outputs);
        CheckpointBinary.Write(w, Setup);
        CheckpointBinary.Write(w, InitialResidual);
        CheckpointBinary.Write(w, State);
    }

    /// <summary>Reads and verifies a checkpoint (magic, version, length, checksum; <see cref="ChecksummedFile.Read"/>).</summary>
    /// <exception cref="CheckpointException">The file is not a usable checkpoint.</exception>
    public static TrainingCheckpoint Read(string path) => ChecksummedFile.Read(path, FileFormats.Checkpoint, static (r, version) => new TrainingCheckpoint
    {
        Fingerprint = new RunFingerprint(r.ReadString(), r.ReadBytes(HashLength), r.ReadBytes(HashLength), r.ReadBytes(HashLength)),
        TargetDescription = r.ReadString(), SampleCount = r.ReadInt32(), Dimension = r.ReadInt32(), Outputs = r.ReadInt32(),
        Setup = CheckpointBinary.ReadSetup(r), InitialResidual = CheckpointBinary.ReadDoubles(r), State = CheckpointBinary.ReadState(r, version),
    }, requireEnd: false);
}
