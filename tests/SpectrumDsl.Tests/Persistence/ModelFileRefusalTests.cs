using SpectrumDsl.Msk;
using SpectrumDsl.Persistence;
using SpectrumDsl.Tests.Reliability;
using SpectrumDsl.Training;
using SpectrumDsl.Training.Checkpoints;
using static SpectrumDsl.Tests.Reliability.ReliabilityProblem;

namespace SpectrumDsl.Tests.Persistence;

/// <summary>Model files that cannot be used are refused with a message naming the file, the fault and what to do.</summary>
public class ModelFileRefusalTests
{
    private static string SaveModel(TempDirectory directory)
    {
        var path = directory.File("run.model");
        new Trainer(Pgd with { Steps = 10 }).Run(X, Y).Save(path);
        return path;
    }

    private static ModelFileException Refused(string path)
    {
        var error = Assert.Throws<ModelFileException>(() => TrainedModel.Load(path));
        Assert.Equal(path, error.Path);
        Assert.Contains($"'{path}'", error.Message);
        return error;
    }

    [Fact]
    public void A_truncated_model_file_is_refused()
    {
        using var directory = new TempDirectory();
        var path = SaveModel(directory);
        var bytes = File.ReadAllBytes(path);
        foreach (var length in new[] { bytes.Length - 1, bytes.Length - 33, bytes.Length / 2, 30, 10, 5, 0 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var error = Refused(path);
            Assert.Contains("truncated", error.Message);
            Assert.Contains("Save the model again", error.Message);
        }
    }

    [Fact]
    public void A_flipped_byte_anywhere_is_refused()
    {
        using var directory = new TempDirectory();
        var path = SaveModel(directory);
        var bytes = File.ReadAllBytes(path);
        var random = new Random(7);
        // Every header byte (magic, version, length) and 40 random bytes of payload and checksum.
        var positions = Enumerable.Range(0, 20).Concat(Enumerable.Range(0, 40).Select(_ => random.Next(20, bytes.Length)));
        foreach (var index in positions)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[index] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(path, flipped);
            var error = Refused(path);
            var expected = index switch
            {
                < 8 => "magic header",
                < 12 => "format version",
                < 20 => "truncated or damaged",
                _ => "corrupted",
            };
            Assert.Contains(expected, error.Message);
        }
    }

    [Fact]
    public void Foreign_and_missing_files_are_refused_with_where_a_model_file_comes_from()
    {
        using var directory = new TempDirectory();
        var other = directory.File("notes.txt");
        File.WriteAllText(other, "hello, not a model");
        var foreign = Refused(other);
        Assert.Contains("is not a SpectrumDsl model file", foreign.Message);
        Assert.Contains("'SPDSLMDL'", foreign.Message);
        Assert.Contains("TrainingResult.Save", foreign.Message);
        Assert.Contains("cannot be read", Refused(directory.File("missing.model")).Message);
    }

    [Fact]
    public void A_checkpoint_given_as_a_model_and_a_model_given_as_a_checkpoint_are_named_for_what_they_are()
    {
        using var directory = new TempDirectory();
        var checkpoint = new CheckpointOptions(directory.File("run.ckpt"), interval: 5);
        new Trainer(Pgd with { Steps = 10 }).Run(X, Y, checkpoint: checkpoint);
        var asModel = Refused(checkpoint.Path);
        Assert.Contains("is a SpectrumDsl training checkpoint", asModel.Message);
        Assert.Contains("Trainer.Resume", asModel.Message);

        var model = SaveModel(directory);
        var asCheckpoint = Assert.Throws<CheckpointException>(() => new Trainer(Pgd with { Steps = 10 }).Resume(model, X, Y));
        Assert.Equal(model, asCheckpoint.Path);
        Assert.Contains("is a SpectrumDsl model file", asCheckpoint.Message);
        Assert.Contains("TrainedModel.Load", asCheckpoint.Message);

        var asKernel = Assert.Throws<ModelFileException>(() => ModifiedSpectrumKernel.Load(model));
        Assert.Contains("is a SpectrumDsl model file", asKernel.Message);
        Assert.Contains("not a SpectrumDsl Modified Spectrum Kernel file", asKernel.Message);
    }

    [Fact]
    public void A_model_file_of_a_future_version_is_refused_with_what_to_do()
    {
        using var directory = new TempDirectory();
        var path = SaveModel(directory);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 2;
        File.WriteAllBytes(path, bytes);
        var error = Refused(path);
        Assert.Contains("format version 2 but this library reads version 1", error.Message);
        Assert.Contains("SpectrumDsl version that wrote it", error.Message);
    }

    [Fact]
    public void Contents_that_do_not_fit_together_are_refused_even_with_a_valid_checksum()
    {
        using var directory = new TempDirectory();
        var path = SaveModel(directory);
        var payload = File.ReadAllBytes(path)[ChecksummedFile.HeaderLength..^ChecksummedFile.HashLength];

        // One byte more than the reader takes: a writer and reader that disagree.
        File.WriteAllBytes(path, ChecksummedFile.Frame(FileFormats.Model, [.. payload, 0]));
        var trailing = Refused(path);
        Assert.Contains("unreadable payload", trailing.Message);
        Assert.Contains("1 bytes follow", trailing.Message);

        // Width 257 instead of 256 (offset 4 + 4 + 8 + 4 = 20 in the payload): the parameter count no longer fits.
        var wider = (byte[])payload.Clone();
        BitConverter.GetBytes(257).CopyTo(wider, 20);
        File.WriteAllBytes(path, ChecksummedFile.Frame(FileFormats.Model, wider));
        Assert.Contains("width 257", Refused(path).Message);

        // The model file written intact still loads.
        File.WriteAllBytes(path, ChecksummedFile.Frame(FileFormats.Model, payload));
        Assert.Equal(256, TrainedModel.Load(path).Network.Width);
    }
}
