using SpectrumDsl.Training;
using SpectrumDsl.Training.Checkpoints;
using static SpectrumDsl.Tests.Reliability.ReliabilityProblem;

namespace SpectrumDsl.Tests.Reliability;

public class CheckpointTests
{
    // "Random" kill steps, drawn once from Random(2024) in 1..299 and fixed so failures reproduce.
    [Theory]
    [InlineData("GD", 1)]
    [InlineData("GD", 173)]
    [InlineData("PGD", 58)]
    [InlineData("PGD", 299)]
    [InlineData("MiniBatch", 117)]
    [InlineData("MiniBatch", 4)]
    [InlineData("Momentum", 1)]
    [InlineData("Momentum", 137)]
    [InlineData("Nystrom", 88)]
    [InlineData("NystromMiniBatch", 131)]
    [InlineData("EarlyStopping", 150)]
    public void Cancel_at_a_step_then_resume_is_bit_identical_to_an_uninterrupted_run(string name, int killStep)
    {
        var config = Named(name);
        using var directory = new TempDirectory();
        var uninterrupted = new Trainer(config).Run(X, Y, TestX, TestY);

        // Kill: cancel from the progress callback once step killStep has been evaluated; the run
        // stops before the next update and saves a checkpoint there.
        var options = new CheckpointOptions(directory.File("run.ckpt"), interval: 50);
        using var source = new CancellationTokenSource();
        var killed = new Trainer(config with { RecordInterval = 1 }).Run(X, Y, TestX, TestY,
            new SyncProgress(p => { if (p.Record?.Step >= killStep) { source.Cancel(); } }), source.Token, options);
        Assert.True(killed.Cancelled);
        Assert.Equal(killStep + 1, killed.StepsTaken);

        // RecordInterval is part of the configuration: resuming with another one is refused ...
        var error = Assert.Throws<CheckpointException>(() => new Trainer(config).Resume(options.Path, X, Y, TestX, TestY));
        Assert.Contains("RecordInterval = 1 in the checkpoint but 7 now", error.Message);

        // ... so the killed run's own configuration resumes, compared with its own uninterrupted run.
        var reference = new Trainer(config with { RecordInterval = 1 }).Run(X, Y, TestX, TestY);
        var resumed = new Trainer(config with { RecordInterval = 1 }).Resume(options.Path, X, Y, TestX, TestY);
        Assert.Equal(killStep + 1, resumed.ResumedFromStep);
        Assert.False(resumed.Cancelled);
        AssertIdentical(reference, resumed);
        Assert.Equal(uninterrupted.Network.CopyParameters(), reference.Network.CopyParameters());
    }

    [Theory]
    [InlineData("GD")]
    [InlineData("MiniBatch")]
    public void A_run_that_recovered_from_divergence_resumes_bit_identically_with_its_reduced_step(string name)
    {
        // Five times the automatic step: the run diverges, recovers (halving) and goes on; the checkpoint taken a few
        // steps after the first recovery must carry the reduced step, the changes and the best parameters.
        var automatic = new Trainer(Named(name) with { Steps = 1 }).Run(X, Y).StepSize;
        var config = Named(name) with { LearningRate = 5 * automatic, AllowUnstableLearningRate = true, Steps = 150, RecordInterval = 1 };
        using var directory = new TempDirectory();
        var uninterrupted = new Trainer(config).Run(X, Y, TestX, TestY);
        Assert.NotEmpty(uninterrupted.StepSizeChanges);
        var killStep = uninterrupted.StepSizeChanges[0].Step + 3;

        var options = new CheckpointOptions(directory.File("run.ckpt"), interval: 1000);
        using var source = new CancellationTokenSource();
        var killed = new Trainer(config).Run(X, Y, TestX, TestY,
            new SyncProgress(p => { if (p.Record?.Step >= killStep) { source.Cancel(); } }), source.Token, options);
        Assert.True(killed.Cancelled);
        Assert.NotEmpty(killed.StepSizeChanges);

        var resumed = new Trainer(config).Resume(options.Path, X, Y, TestX, TestY);
        AssertIdentical(uninterrupted, resumed);
        Assert.Equal(uninterrupted.Network.CopyParameters(), resumed.Network.CopyParameters());
    }

    [Theory]
    [InlineData("GD")]
    [InlineData("PGD")]
    [InlineData("MiniBatch")]
    [InlineData("Momentum")]
    [InlineData("NystromMiniBatch")]
    public void Crash_after_periodic_checkpoints_resumes_from_the_last_one_bit_identically(string name)
    {
        var config = Named(name);
        using var directory = new TempDirectory();
        var options = new CheckpointOptions(directory.File("run.ckpt"), interval: 40);
        var uninterrupted = new Trainer(config).Run(X, Y, TestX, TestY);

        // A progress callback that throws at step 203 simulates a crash; the last checkpoint is step 200.
        Assert.Throws<InvalidOperationException>(() => new Trainer(config).Run(X, Y, TestX, TestY,
            new SyncProgress(p => { if (p.Record?.Step == 203) { throw new InvalidOperationException("simulated crash"); } }), checkpoint: options));
        var resumed = new Trainer(config).Resume(options.Path, X, Y, TestX, TestY, checkpoint: options);
        Assert.Equal(200, resumed.ResumedFromStep);
        AssertIdentical(uninterrupted, resumed);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("PGD")]
    [InlineData("MiniBatch")]
    public void Classification_with_three_outputs_resumes_bit_identically(string name)
    {
        var config = Named(name);
        using var directory = new TempDirectory();
        var options = new CheckpointOptions(directory.File("classes.ckpt"), interval: 40);
        var uninterrupted = new Trainer(config).Run(X, Classes, TestX, TestClasses);
        Assert.Throws<InvalidOperationException>(() => new Trainer(config).Run(X, Classes, TestX, TestClasses,
            new SyncProgress(p => { if (p.Record?.Step == 126) { throw new InvalidOperationException("simulated crash"); } }), checkpoint: options));
        var resumed = new Trainer(config).Resume(options.Path, X, Classes, TestX, TestClasses);
        Assert.Equal(120, resumed.ResumedFromStep);
        AssertIdentical(uninterrupted, resumed);
        Assert.Equal(3, resumed.FinalResidualMatrix.ColumnCount);
        Assert.All(resumed.Records, r => Assert.NotNull(r.TestAccuracy));
        Assert.Equal(uninterrupted.TestClassification!.Accuracy, resumed.TestClassification!.Accuracy);
    }

    [Fact]
    public void A_larger_step_budget_may_continue_a_finished_checkpoint()
    {
        using var directory = new TempDirectory();
        var options = new CheckpointOptions(directory.File("run.ckpt"), interval: 100);
        new Trainer(Gd with { Steps = 150 }).Run(X, Y, checkpoint: options);   // checkpoint at 100
        var longer = new Trainer(Gd).Resume(options.Path, X, Y);
        AssertIdentical(new Trainer(Gd).Run(X, Y), longer);
        var error = Assert.Throws<CheckpointException>(() => new Trainer(Gd with { Steps = 60 }).Resume(options.Path, X, Y));
        Assert.Contains("step 100", error.Message);
        Assert.Contains("Raise Steps", error.Message);
    }

    private static string WriteCheckpoint(TempDirectory directory)
    {
        var options = new CheckpointOptions(directory.File("run.ckpt"), interval: 20);
        new Trainer(Pgd with { Steps = 30 }).Run(X, Y, checkpoint: options);
        return options.Path;
    }

    [Fact]
    public void Truncated_file_is_refused()
    {
        using var directory = new TempDirectory();
        var path = WriteCheckpoint(directory);
        var bytes = File.ReadAllBytes(path);
        foreach (var length in new[] { bytes.Length - 1, bytes.Length / 2, 30, 10 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var error = Assert.Throws<CheckpointException>(() => new Trainer(Pgd).Resume(path, X, Y));
            Assert.Contains("truncated", error.Message);
            Assert.Contains(path, error.Message);
            Assert.Equal(path, error.Path);
        }
    }

    [Fact]
    public void Bit_flipped_file_is_refused()
    {
        using var directory = new TempDirectory();
        var path = WriteCheckpoint(directory);
        var bytes = File.ReadAllBytes(path);
        var random = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var flipped = (byte[])bytes.Clone();
            var index = random.Next(20, bytes.Length);   // payload and checksum (the header has its own checks)
            flipped[index] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(path, flipped);
            var error = Assert.Throws<CheckpointException>(() => new Trainer(Pgd).Resume(path, X, Y));
            Assert.Contains("corrupted", error.Message);
        }
    }

    [Fact]
    public void Other_files_and_versions_are_refused_with_what_to_do()
    {
        using var directory = new TempDirectory();
        var path = WriteCheckpoint(directory);
        var bytes = File.ReadAllBytes(path);
        var other = directory.File("other.bin");
        File.WriteAllText(other, "hello, not a checkpoint");
        Assert.Contains("magic", Assert.Throws<CheckpointException>(() => new Trainer(Pgd).Resume(other, X, Y)).Message);
        bytes[8] = 99;   // format version
        File.WriteAllBytes(other, bytes);
        Assert.Contains("format version 99", Assert.Throws<CheckpointException>(() => new Trainer(Pgd).Resume(other, X, Y)).Message);
        Assert.Contains("cannot be read", Assert.Throws<CheckpointException>(() => new Trainer(Pgd).Resume(directory.File("missing.ckpt"), X, Y)).Message);
    }

    [Fact]
    public void Mismatched_configuration_or_data_is_refused()
    {
        using var directory = new TempDirectory();
        var path = WriteCheckpoint(directory);
        var config = Pgd with { Steps = 30 };

        var width = Assert.Throws<CheckpointException>(() => new Trainer(config with { Width = 128 }).Resume(path, X, Y));
        Assert.Contains("Width = 256 in the checkpoint but 128 now", width.Message);
        var seed = Assert.Throws<CheckpointException>(() => new Trainer(config with { Seed = 5 }).Resume(path, X, Y));
        Assert.Contains("Seed = 4 in the checkpoint but 5 now", seed.Message);
        var target = new SpectrumTarget("lambda^0.5", static (lambda, _, _) => Math.Sqrt(lambda));
        var targetError = Assert.Throws<CheckpointException>(() => new Trainer(config with { Target = target }).Resume(path, X, Y));
        Assert.Contains("Target = lambda_k in the checkpoint but lambda^0.5 now", targetError.Message);

        var otherY = Y.Clone();
        otherY[3] += 1e-15;
        var data = Assert.Throws<CheckpointException>(() => new Trainer(config).Resume(path, X, otherY));
        Assert.Contains("other training data", data.Message);
        var otherX = X.Clone();
        otherX[0, 0] = -otherX[0, 0];
        Assert.Contains("other training data", Assert.Throws<CheckpointException>(() => new Trainer(config).Resume(path, otherX, Y)).Message);
        Assert.Contains("other test data", Assert.Throws<CheckpointException>(() => new Trainer(config).Resume(path, X, Y, TestX, TestY)).Message);

        // The matching trainer still resumes.
        Assert.Equal(20, new Trainer(config).Resume(path, X, Y).ResumedFromStep);
    }

    [Fact]
    public void Failed_write_leaves_the_previous_checkpoint_intact()
    {
        using var directory = new TempDirectory();
        var path = directory.File("run.ckpt");
        var good = new CheckpointOptions(path, interval: 20);
        new Trainer(Pgd with { Steps = 30 }).Run(X, Y, checkpoint: good);   // checkpoint at step 20
        var before = File.ReadAllBytes(path);

        // Every write now fails after 100 bytes (disk full mid-write).
        var failing = new CheckpointOptions(path, interval: 10) { StreamWrapper = stream => new FailingStream(stream, 100) };
        var error = Assert.Throws<IOException>(() => new Trainer(Pgd with { Steps = 30 }).Run(X, Y, checkpoint: failing));
        Assert.IsNotType<CheckpointException>(error);
        Assert.Contains("previous checkpoint", error.Message);
        Assert.Contains("step 10", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(directory.Path, ".*", SearchOption.AllDirectories));
        Assert.Equal(20, new Trainer(Pgd with { Steps = 30 }).Resume(path, X, Y).ResumedFromStep);
    }

    [Fact]
    public void Options_validate_path_and_interval()
    {
        var interval = Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointOptions("run.ckpt", 0));
        Assert.Equal("interval", interval.ParamName);
        Assert.Contains("0", interval.Message);
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "run.ckpt");
        var path = Assert.Throws<ArgumentException>(() => new CheckpointOptions(missing, 10));
        Assert.Equal("path", path.ParamName);
        Assert.Contains(missing, path.Message);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => new CheckpointOptions("  ", 10)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => new Trainer(Pgd).Resume(null!, X, Y)).ParamName);
    }

    private sealed class FailingStream(Stream inner, int allowed) : Stream
    {
        private int written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var take = Math.Min(buffer.Length, allowed - written);
            inner.Write(buffer[..take]);
            written += take;
            if (take < buffer.Length)
            {
                throw new IOException("No space left on device (simulated)");
            }
        }
    }
}
