using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
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
/// File layout (little-endian): magic "SPDSLCKP" (8 bytes), format version (int32), payload length
/// (int64), payload, SHA-256 of everything before it (32 bytes). The payload starts with the canonical
/// configuration text and its SHA-256, the SHA-256 of the training data (x, y) and of the test data,
/// then the shapes, the setup record, R_0 and the run state.
/// </remarks>
internal sealed partial class TrainingCheckpoint
{
    public const int FormatVersion = 5;

    /// <summary>The oldest version this library resumes: version 4 lacks only the recovery state, which starts empty.</summary>
    public const int OldestReadableVersion = 4;
    private const int HeaderLength = 8 + 4 + 8;
    private const int HashLength = 32;
    private static readonly byte[] Magic = "SPDSLCKP"u8.ToArray();

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

    /// <summary>Writes atomically: temporary file in the same directory, flushed to disk, renamed over the path.</summary>
    private void Write(CheckpointOptions options)
    {
        var bytes = Serialize();
        var path = options.Path;
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = options.StreamWrapper?.Invoke(file) ?? file;
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temporary file is garbage either way; the real checkpoint is untouched.
            }

            throw new IOException(
                $"Writing the checkpoint for step {State.Step} to '{path}' failed ({error.Message}); the previous checkpoint at that path, if any, is unchanged. Check free space and permissions of '{directory}'.",
                error);
        }
    }

    private byte[] Serialize()
    {
        using var payloadStream = new MemoryStream();
        using (var w = new BinaryWriter(payloadStream, Encoding.UTF8, leaveOpen: true))
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

        var payload = payloadStream.ToArray();
        var result = new byte[HeaderLength + payload.Length + HashLength];
        Magic.CopyTo(result, 0);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(12), payload.Length);
        payload.CopyTo(result, HeaderLength);
        SHA256.HashData(result.AsSpan(0, HeaderLength + payload.Length), result.AsSpan(HeaderLength + payload.Length));
        return result;
    }

    /// <summary>Reads and verifies a checkpoint (magic, version, length, checksum).</summary>
    /// <exception cref="CheckpointException">The file is not a usable checkpoint.</exception>
    public static TrainingCheckpoint Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"Checkpoint '{path}' cannot be read ({error.Message}). Check the path, or start a new run with Trainer.Run.", error);
        }

        const string Advice = "Resume from an older checkpoint or start a new run with Trainer.Run.";
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointException(path, $"'{path}' is not a SpectrumDsl training checkpoint (the magic header 'SPDSLCKP' is missing). Pass the path a run saved through CheckpointOptions.");
        }

        if (bytes.Length < HeaderLength + HashLength)
        {
            throw new CheckpointException(path, $"Checkpoint '{path}' is truncated: {bytes.Length} bytes, shorter than the {HeaderLength + HashLength}-byte header and checksum. {Advice}");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version < OldestReadableVersion || version > FormatVersion)
        {
            throw new CheckpointException(path, $"Checkpoint '{path}' has format version {version} but this library reads versions {OldestReadableVersion} to {FormatVersion}. Resume with the library version that wrote it, or start a new run.");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        var expected = HeaderLength + length + HashLength;
        if (length < 0 || bytes.Length != expected)
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' is truncated or damaged: the header announces {expected} bytes but the file has {bytes.Length}. {Advice}");
        }

        var body = bytes.AsSpan(0, HeaderLength + (int)length);
        var actual = SHA256.HashData(body);
        if (!actual.AsSpan().SequenceEqual(bytes.AsSpan(HeaderLength + (int)length, HashLength)))
        {
            throw new CheckpointException(path, $"Checkpoint '{path}' is corrupted: its SHA-256 checksum does not match its contents. {Advice}");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, HeaderLength, (int)length), Encoding.UTF8);
            return new TrainingCheckpoint
            {
                Fingerprint = new RunFingerprint(r.ReadString(), r.ReadBytes(HashLength), r.ReadBytes(HashLength), r.ReadBytes(HashLength)),
                TargetDescription = r.ReadString(), SampleCount = r.ReadInt32(), Dimension = r.ReadInt32(), Outputs = r.ReadInt32(),
                Setup = CheckpointBinary.ReadSetup(r), InitialResidual = CheckpointBinary.ReadDoubles(r), State = CheckpointBinary.ReadState(r, version),
            };
        }
        catch (Exception error) when (error is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            throw new CheckpointException(path, $"Checkpoint '{path}' has a valid checksum but an unreadable payload ({error.Message}); it was not written by this format version. {Advice}", error);
        }
    }
}
