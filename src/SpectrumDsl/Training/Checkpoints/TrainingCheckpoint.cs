using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Training.Checkpoints;

/// <summary>
/// The complete state of a run at the start of step <see cref="Step"/> (that many updates done):
/// everything <see cref="Trainer.Resume"/> needs to continue bit-identically. What is
/// deterministic from the configuration and data (initial network, Gram, eigenpairs, S, mini-batch
/// correction) is recomputed on resume, not stored.
/// </summary>
/// <remarks>
/// File layout (little-endian): magic "SPDSLCKP" (8 bytes), format version (int32), payload length
/// (int64), payload, SHA-256 of everything before it (32 bytes). The payload starts with the
/// canonical configuration text and its SHA-256, the SHA-256 of the training data (x, y) and of
/// the test data, then the dynamic state.
/// </remarks>
internal sealed class TrainingCheckpoint
{
    public const int FormatVersion = 1;
    private const int HeaderLength = 8 + 4 + 8;
    private const int HashLength = 32;
    private static readonly byte[] Magic = "SPDSLCKP"u8.ToArray();

    public required string ConfigText { get; init; }
    public required byte[] ConfigHash { get; init; }
    public required byte[] DataHash { get; init; }
    public required byte[] TestDataHash { get; init; }
    public required string TargetDescription { get; init; }
    public required int SampleCount { get; init; }
    public required int Dimension { get; init; }
    public required int Step { get; init; }
    public required double StepSize { get; init; }
    public required double[] Parameters { get; init; }
    public required double[] LastGood { get; init; }
    public required double PreviousLoss { get; init; }
    public required double LastGoodLoss { get; init; }
    public required double InitialLoss { get; init; }
    public required double InitialNorm { get; init; }
    public required int Growth { get; init; }
    public required long Shuffles { get; init; }
    public required int Position { get; init; }
    public required long ElapsedTicks { get; init; }
    public required double[] InitialResidual { get; init; }
    public required IReadOnlyList<TrainingRecord> Records { get; init; }

    /// <summary>
    /// The configuration as "Name=value" lines (doubles round-trip exactly). Steps is left out:
    /// a run may be resumed with a larger step budget.
    /// </summary>
    public static string CanonicalConfig(TrainerConfig c)
    {
        static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        return string.Join('\n',
            $"Width={c.Width}", $"Activation={c.Architecture.Activation}", $"Depth={c.Architecture.Depth}", $"BiasScale={R(c.Architecture.BiasScale)}", $"LearningRate={R(c.LearningRate)}",
            $"Optimizer={c.Optimizer}", $"Rank={c.Rank}", $"Target={c.Target.Description}",
            $"PreconditionerSource={c.PreconditionerSource}", $"Tolerance={R(c.Tolerance)}", $"Seed={c.Seed}",
            $"RecordInterval={c.RecordInterval}", $"BatchSize={c.BatchSize}", $"AllowUnstableLearningRate={c.AllowUnstableLearningRate}");
    }

    public static byte[] HashText(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>SHA-256 of the shape and the exact bits of (x, y), x row by row; all zeros for no data.</summary>
    public static byte[] HashData(Matrix<double>? x, Vector<double>? y)
    {
        if (x is null || y is null)
        {
            return new byte[HashLength];
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, x.RowCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], x.ColumnCount);
        hash.AppendData(header);
        var row = new double[x.ColumnCount];
        for (var i = 0; i < x.RowCount; i++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = x.At(i, j);
            }

            AppendDoubles(hash, row);
        }

        AppendDoubles(hash, y.ToArray());
        return hash.GetHashAndReset();
    }

    private static void AppendDoubles(IncrementalHash hash, double[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        Span<byte> buffer = stackalloc byte[8];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
            hash.AppendData(buffer);
        }
    }

    /// <summary>Writes atomically: temporary file in the same directory, flushed to disk, renamed over the path.</summary>
    public void Write(CheckpointOptions options)
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
                $"Writing the checkpoint for step {Step} to '{path}' failed ({error.Message}); the previous checkpoint at that path, if any, is unchanged. Check free space and permissions of '{directory}'.",
                error);
        }
    }

    private byte[] Serialize()
    {
        using var payloadStream = new MemoryStream();
        using (var w = new BinaryWriter(payloadStream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(ConfigText);
            w.Write(ConfigHash);
            w.Write(DataHash);
            w.Write(TestDataHash);
            w.Write(TargetDescription);
            w.Write(SampleCount);
            w.Write(Dimension);
            w.Write(Step);
            w.Write(StepSize);
            WriteArray(w, Parameters);
            WriteArray(w, LastGood);
            w.Write(PreviousLoss);
            w.Write(LastGoodLoss);
            w.Write(InitialLoss);
            w.Write(InitialNorm);
            w.Write(Growth);
            w.Write(Shuffles);
            w.Write(Position);
            w.Write(ElapsedTicks);
            WriteArray(w, InitialResidual);
            w.Write(Records.Count);
            foreach (var record in Records)
            {
                w.Write(record.Step);
                w.Write(record.TrainLoss);
                w.Write(record.TestLoss.HasValue);
                w.Write(record.TestLoss ?? 0.0);
                w.Write(record.RelativeResidual);
                WriteArray(w, record.EigenProjections.ToArray());
                w.Write(record.ResidualOutsideTop);
                w.Write(record.StepSize);
                w.Write(record.Elapsed.Ticks);
            }
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
        if (version != FormatVersion)
        {
            throw new CheckpointException(path, $"Checkpoint '{path}' has format version {version} but this library reads version {FormatVersion}. Resume with the library version that wrote it, or start a new run.");
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
            var configText = r.ReadString();
            var configHash = r.ReadBytes(HashLength);
            var dataHash = r.ReadBytes(HashLength);
            var testHash = r.ReadBytes(HashLength);
            var description = r.ReadString();
            var n = r.ReadInt32();
            var d = r.ReadInt32();
            var step = r.ReadInt32();
            var stepSize = r.ReadDouble();
            var parameters = ReadArray(r);
            var lastGood = ReadArray(r);
            var previousLoss = r.ReadDouble();
            var lastGoodLoss = r.ReadDouble();
            var initialLoss = r.ReadDouble();
            var initialNorm = r.ReadDouble();
            var growth = r.ReadInt32();
            var shuffles = r.ReadInt64();
            var position = r.ReadInt32();
            var elapsed = r.ReadInt64();
            var r0 = ReadArray(r);
            var count = r.ReadInt32();
            var records = new List<TrainingRecord>(Math.Max(0, count));
            for (var i = 0; i < count; i++)
            {
                var recordStep = r.ReadInt32();
                var trainLoss = r.ReadDouble();
                var hasTest = r.ReadBoolean();
                var testLoss = r.ReadDouble();
                var relative = r.ReadDouble();
                var projections = ReadArray(r);
                var outside = r.ReadDouble();
                var recordStepSize = r.ReadDouble();
                var ticks = r.ReadInt64();
                records.Add(new TrainingRecord(recordStep, trainLoss, hasTest ? testLoss : null, relative, projections, outside, recordStepSize, TimeSpan.FromTicks(ticks)));
            }

            return new TrainingCheckpoint
            {
                ConfigText = configText, ConfigHash = configHash, DataHash = dataHash, TestDataHash = testHash,
                TargetDescription = description, SampleCount = n, Dimension = d, Step = step, StepSize = stepSize,
                Parameters = parameters, LastGood = lastGood, PreviousLoss = previousLoss, LastGoodLoss = lastGoodLoss,
                InitialLoss = initialLoss, InitialNorm = initialNorm, Growth = growth, Shuffles = shuffles, Position = position,
                ElapsedTicks = elapsed, InitialResidual = r0, Records = records,
            };
        }
        catch (Exception error) when (error is EndOfStreamException or IOException or ArgumentException or OverflowException)
        {
            throw new CheckpointException(path, $"Checkpoint '{path}' has a valid checksum but an unreadable payload ({error.Message}); it was not written by this format version. {Advice}", error);
        }
    }

    /// <summary>The "Name=value" lines of <paramref name="mine"/> that differ from <paramref name="theirs"/>.</summary>
    public static string DescribeDifferences(string theirs, string mine)
    {
        static Dictionary<string, string> Parse(string text) =>
            text.Split('\n').Select(line => line.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var a = Parse(theirs);
        var b = Parse(mine);
        var names = a.Keys.Concat(b.Keys).Distinct(StringComparer.Ordinal).OrderBy(key => key, StringComparer.Ordinal);
        var parts = names
            .Where(name => !a.TryGetValue(name, out var x) || !b.TryGetValue(name, out var y) || x != y)
            .Select(name => $"{name} = {(a.TryGetValue(name, out var x) ? x : "(absent)")} in the checkpoint but {(b.TryGetValue(name, out var y) ? y : "(absent)")} now");
        return string.Join("; ", parts);
    }

    private static void WriteArray(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var value in values)
        {
            w.Write(value);
        }
    }

    private static double[] ReadArray(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(double))
        {
            throw new EndOfStreamException($"an array announces {count} values, more than the payload holds");
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }
}
