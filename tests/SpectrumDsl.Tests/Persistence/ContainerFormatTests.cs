using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SpectrumDsl.Tests.Reliability;
using SpectrumDsl.Training;
using SpectrumDsl.Training.Checkpoints;
using static SpectrumDsl.Tests.Reliability.ReliabilityProblem;

namespace SpectrumDsl.Tests.Persistence;

/// <summary>
/// The bytes of the shared container, read by hand: checkpoints keep their layout (magic SPDSLCKP, format version 6)
/// now that models, kernels and preprocessors share the code that writes it, and model files have their own magic.
/// </summary>
public class ContainerFormatTests
{
    private static void AssertContainer(string path, string magic, int version)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(magic, Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Equal(version, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        Assert.Equal(8 + 4 + 8 + length + 32, bytes.Length);
        Assert.Equal(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)), bytes[^32..]);
    }

    [Fact]
    public void Checkpoints_and_models_are_magic_version_length_payload_and_SHA256()
    {
        using var directory = new TempDirectory();
        var checkpoint = new CheckpointOptions(directory.File("run.ckpt"), interval: 5);
        var result = new Trainer(Pgd with { Steps = 10 }).Run(X, Y, checkpoint: checkpoint);
        AssertContainer(checkpoint.Path, "SPDSLCKP", 6);
        Assert.Equal(6, TrainingCheckpoint.FormatVersion);
        // The payload still starts with the canonical configuration text (a length-prefixed UTF-8 string).
        var bytes = File.ReadAllBytes(checkpoint.Path);
        using (var reader = new BinaryReader(new MemoryStream(bytes, 20, bytes.Length - 52)))
        {
            Assert.Contains("Width=256", reader.ReadString());
        }

        result.Save(directory.File("run.model"));
        AssertContainer(directory.File("run.model"), "SPDSLMDL", 1);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }
}
