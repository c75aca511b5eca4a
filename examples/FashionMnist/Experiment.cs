using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl;
using SpectrumDsl.Classification;
using SpectrumDsl.Kernels;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Training;

namespace FashionMnist;

/// <summary>NTK kernel regression on the same data, from the network's initial output and from zero (<see cref="KernelLimits"/>).</summary>
/// <param name="Method">"exact" (Cholesky of the n x n Gram) or "eigenpro" (matrix-free, for the Nystrom path).</param>
/// <param name="FromInitialOutputAccuracy">Test accuracy of f_0(x) + K(x, X) K^-1 (Y - f_0(X)), the limit GD and PGD converge to.</param>
/// <param name="FromZeroAccuracy">Test accuracy of K(x, X) K^-1 Y, the kernel interpolant without the initial network.</param>
/// <param name="Seconds">Wall time of the fit (both limits at once) and the test predictions.</param>
/// <param name="Epochs">EigenPro's passes (null for exact).</param>
public sealed record KernelRegressionResult(string Method, double FromInitialOutputAccuracy, double FromZeroAccuracy, double Seconds, int? Epochs);

/// <summary>Everything one run of the example measured.</summary>
public sealed record ExperimentResult(RunSummary Gd, RunSummary Pgd, KernelRegressionResult KernelRegression, long PeakWorkingSetBytes);

/// <summary>
/// Trains GD and PGD from the same initial network (same seed) on the prepared images with the
/// attribute-declared spectrum (overridden by the command line), then fits NTK kernel regression from the runs'
/// initial output and from zero.
/// </summary>
public sealed class Experiment
{
    private readonly Settings settings;
    private readonly FashionData data;

    public Experiment(Settings settings, FashionData data)
    {
        this.settings = settings;
        this.data = data;
        BaseConfig = TopKFlattened.TrainerConfig with
        {
            Width = settings.Width,
            Architecture = NetworkArchitecture.Relu(settings.Depth, settings.Bias),
            Rank = settings.Rank,
            Steps = settings.Steps,
            Seed = settings.Seed,
            RecordInterval = settings.EvaluateEvery,
            BatchSize = settings.BatchSize,
            Path = settings.Path,
            Subsample = settings.Subsample,
            LearningRate = settings.LearningRate,
            OnDivergence = settings.OnDivergence,
        };
    }

    /// <summary>EigenPro's passes for the kernel-regression limit on the Nystrom path.</summary>
    public const int KernelRegressionEpochs = 5;

    public TrainerConfig BaseConfig { get; }

    public ExperimentResult Run(Func<string, IProgress<TrainingProgress>> progress, Action<string> log, CancellationToken cancellation)
    {
        var gd = Train(Optimizer.GradientDescent, "GD", progress, cancellation);
        cancellation.ThrowIfCancellationRequested();
        ReturnGarbage();
        var pgd = Train(Optimizer.Preconditioned, "PGD", progress, cancellation);
        cancellation.ThrowIfCancellationRequested();
        ReturnGarbage();
        var kernel = FitKernelRegression(gd.Result, log, cancellation);
        return new ExperimentResult(gd, pgd, kernel, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    // The three phases share nothing but the data. With 24 GB the collector lets one phase's dead setup (n x k bases,
    // kernel blocks: gigabytes at n = 60 000) linger into the next, so the peak working set reported would be the sum
    // of phases rather than the largest; a full blocking collection between phases makes it the largest.
    private static void ReturnGarbage() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private RunSummary Train(Optimizer optimizer, string name, Func<string, IProgress<TrainingProgress>> progress, CancellationToken cancellation)
    {
        var reporter = progress(name);
        var clock = Stopwatch.StartNew();
        double? setup = null;
        // The first record (step 0) arrives when setup is over; its Elapsed counts from the loop's start.
        var timed = new Synchronous<TrainingProgress>(report =>
        {
            if (setup is null && report.Record is { } record)
            {
                setup = clock.Elapsed.TotalSeconds - record.Elapsed.TotalSeconds;
            }

            reporter.Report(report);
        });
        try
        {
            var result = new Trainer(BaseConfig with { Optimizer = optimizer }).Run(data.TrainX, data.TrainLabels, data.TestX, data.TestLabels, timed, cancellation);
            cancellation.ThrowIfCancellationRequested();
            return RunSummary.Of(name, result, setup ?? clock.Elapsed.TotalSeconds, settings);
        }
        finally
        {
            (reporter as IDisposable)?.Dispose();
        }
    }

    private KernelRegressionResult FitKernelRegression(TrainingResult trained, Action<string> log, CancellationToken cancellation)
    {
        var kernel = BaseConfig.Architecture.Ntk();
        // The trainer's class count: one more than the largest label in either set.
        var classes = data.TrainLabels.Concat(data.TestLabels).Max() + 1;
        var targets = ClassLabels.CentredOneHot(data.TrainLabels, classes);
        var clock = Stopwatch.StartNew();
        // The runs' initial network (same architecture, width, seed and outputs as the trainer's setup).
        var initial = FullyConnectedNetwork.Create(BaseConfig.Architecture, data.TrainX.ColumnCount, BaseConfig.Width, BaseConfig.Seed, classes);
        var initialTrain = initial.PredictOutputs(data.TrainX);
        var mismatch = (initialTrain - targets - trained.InitialResidualMatrix).Enumerate().Max(Math.Abs);
        if (mismatch > 1e-9 * Math.Max(1, initialTrain.Enumerate().Max(Math.Abs)))
        {
            throw new InvalidOperationException(
                $"The kernel limit's initial network differs from the one the runs started from (largest output difference {mismatch:G3}): "
                + "TrainerConfig's architecture, width, seed or output count no longer make the trainer's network.");
        }

        var labels = KernelLimits.Labels(targets, initialTrain);
        Matrix<double> predicted;
        int? epochs = null;
        if (settings.Path == TrainingPath.Exact)
        {
            log($"NTK kernel regression from the initial output and from zero: exact solve on the {data.TrainX.RowCount} x {data.TrainX.RowCount} Gram ...");
            predicted = KernelRegression.Fit(kernel, data.TrainX, labels).PredictOutputs(data.TestX);
        }
        else
        {
            log($"NTK kernel regression from the initial output and from zero: EigenPro, {KernelRegressionEpochs} epochs, rank {settings.Rank}, "
                + $"subsample {CommandLine.SubsampleSize(settings.Subsample, settings.Train)} ...");
            var options = new EigenProOptions
            {
                Rank = settings.Rank,
                Subsample = CommandLine.SubsampleSize(settings.Subsample, settings.Train),
                Epochs = KernelRegressionEpochs,
                Seed = settings.Seed,
            };
            var progress = new Synchronous<EigenProEpoch>(epoch => log($"  kernel regression epoch {epoch.Epoch}: train loss {epoch.TrainLoss:G4}"));
            var eigenPro = EigenProRegression.Fit(kernel, data.TrainX, labels, options, progress: progress, cancellationToken: cancellation);
            cancellation.ThrowIfCancellationRequested();
            predicted = eigenPro.PredictOutputs(data.TestX);
            epochs = eigenPro.Epochs.Count - 1;
        }

        var (fromInitialOutput, fromZero) = KernelLimits.Split(predicted, initial.PredictOutputs(data.TestX));
        return new KernelRegressionResult(settings.Path == TrainingPath.Exact ? "exact" : "eigenpro",
            ClassificationMetrics.Accuracy(data.TestLabels, ClassLabels.Argmax(fromInitialOutput)),
            ClassificationMetrics.Accuracy(data.TestLabels, ClassLabels.Argmax(fromZero)),
            clock.Elapsed.TotalSeconds, epochs);
    }

    /// <summary>Reports synchronously, on the training thread (System.Progress would post to the thread pool).</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
