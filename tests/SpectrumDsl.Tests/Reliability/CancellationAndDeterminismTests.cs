using System.Diagnostics;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Tests.LinearAlgebra;
using SpectrumDsl.Training;
using static SpectrumDsl.Tests.Reliability.ReliabilityProblem;

namespace SpectrumDsl.Tests.Reliability;

public class CancellationTests
{
    [Theory]
    [InlineData("GD", 37)]
    [InlineData("PGD", 90)]
    [InlineData("MiniBatch", 55)]
    [InlineData("NystromMiniBatch", 61)]
    public void Cancelled_run_holds_the_parameters_of_the_last_completed_step(string name, int step)
    {
        var config = Named(name) with { RecordInterval = 1 };
        using var source = new CancellationTokenSource();
        var cancelled = new Trainer(config).Run(X, Y,
            progress: new SyncProgress(p => { if (p.Record?.Step == step) { source.Cancel(); } }), cancellationToken: source.Token);
        Assert.True(cancelled.Cancelled);
        Assert.False(cancelled.Converged);
        Assert.Equal(step + 1, cancelled.StepsTaken);
        Assert.Equal(step, cancelled.Records[^1].Step);

        // Exactly the parameters of a run whose budget ends after step + 1 updates.
        var budget = new Trainer(config with { Steps = step + 1 }).Run(X, Y);
        Assert.Equal(budget.Network.CopyParameters().Select(Bits), cancelled.Network.CopyParameters().Select(Bits));
        Assert.Equal(budget.FinalResidual.Select(Bits), cancelled.FinalResidual.Select(Bits));

        // Consistent: the reported residual is the returned network's.
        Assert.Equal((cancelled.Network.Predict(X) - Y).Select(Bits), cancelled.FinalResidual.Select(Bits));
    }

    [Fact]
    public void Already_cancelled_token_returns_the_initial_network()
    {
        var cancelled = new Trainer(Pgd).Run(X, Y, cancellationToken: new CancellationToken(canceled: true));
        Assert.True(cancelled.Cancelled);
        Assert.Equal(0, cancelled.StepsTaken);
        Assert.Empty(cancelled.Records);
        Assert.Equal(cancelled.InitialResidual.Select(Bits), cancelled.FinalResidual.Select(Bits));
    }

    [Fact]
    public async Task Cancelling_from_another_thread_returns_promptly()
    {
        // A budget of a million steps (minutes); cancelled after the first records arrive.
        using var source = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var config = Pgd with { Steps = 1_000_000, RecordInterval = 1 };
        var run = Task.Run(() => new Trainer(config).Run(X, Y,
            progress: new SyncProgress(p => { if (p.Record?.Step == 5) { started.Set(); } }), cancellationToken: source.Token));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        var clock = Stopwatch.StartNew();
        source.Cancel();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(result.Cancelled);
        Assert.True(result.StepsTaken >= 6 && result.StepsTaken < 1_000_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal((result.Network.Predict(X) - Y).Select(Bits), result.FinalResidual.Select(Bits));
    }
}

// Thread_count_does_not_change_a_run changes a process-wide setting: run alone.
[Collection(ControlCollection.Name)]
public class DeterminismTests
{
    [Theory]
    [InlineData("GD")]
    [InlineData("PGD")]
    [InlineData("MiniBatch")]
    [InlineData("Nystrom")]
    [InlineData("NystromMiniBatch")]
    public void Same_seed_twice_gives_bit_identical_trajectories(string name)
    {
        var config = Named(name);
        var first = new Trainer(config).Run(X, Y, TestX, TestY);
        var second = new Trainer(config).Run(X, Y, TestX, TestY);
        AssertIdentical(first, second);
        Assert.Equal(first.Warnings, second.Warnings);
        Assert.Equal(first.InitialResidual.Select(Bits), second.InitialResidual.Select(Bits));
        Assert.NotEqual(first.Network.CopyParameters(), new Trainer(config with { Seed = 5 }).Run(X, Y).Network.CopyParameters());
    }

    [Fact]
    public void Thread_count_does_not_change_a_run()
    {
        // n = 600 points in R^3: the Gram product (600 x 600 x 3) passes GemmEngine's parallel
        // threshold, so with 2+ cores it is split across threads; the kernel Gram and the whole run
        // must equal the single-threaded ones bit for bit.
        var x = SpectrumDsl.Data.Sphere.Sample(600, 3, seed: 8);
        var y = SpectrumDsl.Data.Sphere.ZonalHarmonic(x, 2, SpectrumDsl.Data.Sphere.NorthPole(3));
        var config = new TrainerConfig { Width = 64, Rank = 4, Steps = 5, Seed = 3, RecordInterval = 1, Tolerance = 1e-9 };
        var kernel = SpectrumDsl.Kernels.NetworkArchitecture.Relu(2, 0.5).Ntk();
        var parallelGram = kernel.Gram(x);
        var parallel = new Trainer(config).Run(x, y);
        TrainingResult single;
        MathNet.Numerics.LinearAlgebra.Matrix<double> singleGram;
        using (LinearAlgebraControl.Override(threads: 1))
        {
            singleGram = kernel.Gram(x);
            single = new Trainer(config).Run(x, y);
        }

        Assert.Equal(parallelGram.ToColumnMajorArray().Select(Bits), singleGram.ToColumnMajorArray().Select(Bits));
        AssertIdentical(parallel, single);
    }
}
