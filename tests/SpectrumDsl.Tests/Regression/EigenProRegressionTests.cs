using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Regression;

public class EigenProRegressionTests
{
    private static readonly IKernel Ntk = NetworkArchitecture.Relu(1, 1.0).Ntk();

    private static Vector<double> Target(Matrix<double> x) =>
        Vector<double>.Build.Dense(x.RowCount, i => Math.Sin(3 * x[i, 0]) + x[i, 1] * x[i, 2]);

    [Fact]
    public void Iteration_approaches_the_dense_kernel_regression_as_epochs_grow()
    {
        // Laplace kernel on S^4: its Gram (n = 1000) is well conditioned enough (delta_1 / delta_n ~ 1e3) for the
        // iteration to get close within a test's budget; s = 300 < n exercises the Nystrom preconditioner.
        var kernel = new LaplaceKernel(0.5);
        var x = Sphere.Sample(1000, 5, seed: 1);
        var testX = Sphere.Sample(200, 5, seed: 2);
        var y = Target(x);
        var dense = KernelRegression.Fit(kernel, x, y).Predict(testX);

        foreach (var target in new[] { SpectrumTarget.FlattenTop, SpectrumTarget.Parse("lambda_k * (k / i)^0.5") })
        {
            // The test labels are the dense solution's predictions, so TestLoss measures the distance to it every epoch.
            var model = EigenProRegression.Fit(kernel, x, y, new EigenProOptions { Rank = 30, Subsample = 300, Target = target, Epochs = 80, Seed = 1 },
                testX, dense);
            double Distance(int epoch) => Math.Sqrt(2 * testX.RowCount * model.Epochs[epoch].TestLoss!.Value) / dense.L2Norm();

            // Measured (FlattenTop): 1.4e-2, 7.0e-4, 4.1e-7; the convergence is geometric, so 1e-4 leaves a wide margin.
            Assert.True(Distance(5) > Distance(20) && Distance(20) > Distance(80), $"{target}: {Distance(5)}, {Distance(20)}, {Distance(80)}");
            Assert.True(Distance(80) < 1e-4, $"{target}: {Distance(80)}");
            Assert.True(Numerics.RelativeError(model.Predict(testX), dense) < 1e-4);
        }
    }

    [Fact]
    public void Preconditioning_needs_far_fewer_epochs_than_plain_kernel_SGD_as_the_step_ratio_predicts()
    {
        // ReLU NTK (bias 1) on S^4: k = 6 flattens degrees 0 and 1 (1 + 5 harmonics) to lambda_6, lambda_1 / lambda_6 ~ 31.
        var x = Sphere.Sample(1000, 5, seed: 1);
        var y = Target(x);
        var options = new EigenProOptions { Rank = 6, Subsample = 300, Epochs = 600, Seed = 1, Tolerance = 0.1 };
        var preconditioned = EigenProRegression.Fit(Ntk, x, y, options);
        // Same batch size (EigenPro's automatic one) for both: Identity is plain kernel SGD.
        var plain = EigenProRegression.Fit(Ntk, x, y, options with { Target = SpectrumTarget.Identity, BatchSize = preconditioned.BatchSize });
        Assert.True(preconditioned.Converged && plain.Converged);

        // Per epoch every direction outside the top k moves eta_P / eta_plain times faster (same b, same batches),
        // and the directions inside it at least that much: the epochs should shrink by this ratio.
        var predicted = preconditioned.StepSize / plain.StepSize;
        var eigenvalueRatio = preconditioned.StepRule.BaseTopEigenvalue / preconditioned.StepRule.TopEigenvalue;
        var measured = (plain.Epochs.Count - 1.0) / (preconditioned.Epochs.Count - 1.0);
        // Measured: 255 vs 16 epochs, ratio 15.9 against the predicted 15.8 (eigenvalue ratio 30.9, the limit for b >> b*).
        // A factor 2 either way allows for SGD noise and the subsample's eigenfunctions not being exact.
        Assert.True(measured > 8, $"measured {measured}");
        Assert.InRange(measured, predicted / 2, predicted * 2);
        Assert.True(predicted <= eigenvalueRatio);
    }

    [Fact]
    public void Automatic_step_is_stable_for_the_exact_preconditioned_operator_where_the_subsample_estimate_alone_is_not()
    {
        // S^9, k = 66 cuts the degree-2 cluster (11..65 are degree 2): the subsample's own lambda_P is far too
        // optimistic here (P is fitted to those points), the independently sampled one is not.
        var n = 2000;
        var x = Sphere.Sample(n, 10, seed: 1);
        var model = EigenProRegression.Fit(Ntk, x, Target(x), new EigenProOptions { Rank = 66, Subsample = 500, Epochs = 30, Seed = 1, BatchSize = n });

        // Full batch: r <- (I - h K_P) r with K_P = K + C E D E^T C^T, C = K(X, X_S), h = eta / b.
        var gram = Ntk.Gram(x);
        var indices = model.SubsampleIndices.ToArray();
        var cross = Matrix<double>.Build.Dense(n, indices.Length, (i, j) => gram[i, indices[j]]);
        var spectrum = model.Spectrum;
        var vectors = spectrum.Eigenpairs.Vectors;
        var weighted = vectors.Clone();
        for (var i = 0; i < spectrum.Rank; i++)
        {
            weighted.SetColumn(i, vectors.Column(i) * (spectrum.Scales[i] / spectrum.Eigenpairs.Values[i]));
        }

        var modified = gram + cross * weighted * vectors.Transpose() * cross.Transpose();
        modified = (modified + modified.Transpose()) * 0.5;
        var exactTop = EigenSolver.Top(modified, 1).Values[0] / n;

        var h = model.StepSize / model.BatchSize;
        // Measured: h delta_max = 0.73 (lambda_true / lambda_P); stability needs < 2.
        Assert.True(h * exactTop * n < 1.0, $"h delta_max = {h * exactTop * n}");
        // The subsample's own estimate alone would have stepped past the bound (measured lambda_true = 2.2 times it).
        Assert.True(exactTop > 2 * model.StepRule.SubsampleTopEigenvalue, $"{exactTop} vs {model.StepRule.SubsampleTopEigenvalue}");

        // A stable full-batch step never increases ||r|| (I - h K_P is symmetric with eigenvalues in (-1, 1]).
        for (var epoch = 1; epoch < model.Epochs.Count; epoch++)
        {
            Assert.True(model.Epochs[epoch].RelativeResidual <= model.Epochs[epoch - 1].RelativeResidual, $"epoch {epoch}");
        }

        Assert.True(model.Epochs[^1].RelativeResidual < 0.5);
    }

    [Fact]
    public void Matrix_labels_are_fitted_column_by_column()
    {
        var x = Sphere.Sample(400, 5, seed: 4);
        var y = Matrix<double>.Build.DenseOfColumnVectors(
            Target(x),
            Vector<double>.Build.Dense(x.RowCount, i => x[i, 3]),
            Vector<double>.Build.Dense(x.RowCount, i => Math.Cos(4 * x[i, 1])));
        var options = new EigenProOptions { Rank = 10, Subsample = 200, Epochs = 5, Seed = 3 };
        var joint = EigenProRegression.Fit(Ntk, x, y, options);
        Assert.Equal(3, joint.OutputCount);
        for (var a = 0; a < 3; a++)
        {
            var single = EigenProRegression.Fit(Ntk, x, y.Column(a), options);
            Assert.Equal(single.StepSize, joint.StepSize);
            Assert.Equal(single.BatchSize, joint.BatchSize);
            // Each output's coefficients follow their own recursion; only the multiply's blocking differs between
            // one and three columns, so agreement is to round-off.
            Assert.True(Numerics.RelativeError(joint.CoefficientMatrix.Column(a), single.CoefficientMatrix.Column(0)) < 1e-12);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_fits_and_another_seed_another_subsample()
    {
        var x = Sphere.Sample(500, 5, seed: 5);
        var y = Target(x);
        var options = new EigenProOptions { Rank = 10, Subsample = 150, Epochs = 3, Seed = 7 };
        var first = EigenProRegression.Fit(Ntk, x, y, options);
        var second = EigenProRegression.Fit(Ntk, x, y, options);
        Assert.Equal(first.CoefficientMatrix, second.CoefficientMatrix);
        Assert.Equal(first.Epochs.Select(e => e.TrainLoss), second.Epochs.Select(e => e.TrainLoss));

        var other = EigenProRegression.Fit(Ntk, x, y, options with { Seed = 8 });
        Assert.NotEqual(first.SubsampleIndices, other.SubsampleIndices);
        Assert.NotEqual(first.CoefficientMatrix, other.CoefficientMatrix);
    }

    [Fact]
    public void Subsample_is_the_one_TopNystrom_draws_for_the_seed()
    {
        var x = Sphere.Sample(300, 4, seed: 6);
        var model = EigenProRegression.Fit(Ntk, x, Target(x), new EigenProOptions { Rank = 5, Subsample = 100, Epochs = 1, Seed = 11 });
        Assert.Equal(EigenSolver.NystromSubsampleIndices(300, 100, 11), model.SubsampleIndices);
        Assert.Equal(100, model.Spectrum.SampleCount);
        Assert.Equal(5, model.Spectrum.Rank);
    }

    [Fact]
    public void Progress_reports_every_epoch_and_cancellation_stops_between_batches()
    {
        var x = Sphere.Sample(300, 4, seed: 6);
        var y = Target(x);
        var options = new EigenProOptions { Rank = 5, Subsample = 100, Epochs = 4, Seed = 2, BatchSize = 50 };
        var reports = new Recorder();
        var full = EigenProRegression.Fit(Ntk, x, y, options, progress: reports);
        Assert.Equal([0, 1, 2, 3, 4], reports.Epochs.Select(e => e.Epoch));
        Assert.Equal(full.Epochs, reports.Epochs);
        Assert.False(full.Cancelled);

        using var source = new CancellationTokenSource();
        var cancelling = new Recorder(epoch => { if (epoch.Epoch == 1) source.Cancel(); });
        var cancelled = EigenProRegression.Fit(Ntk, x, y, options, progress: cancelling, cancellationToken: source.Token);
        Assert.True(cancelled.Cancelled);
        Assert.Equal(2, cancelled.Epochs.Count);
        // Cancelled right after epoch 1: the coefficients are exactly those of a one-epoch fit.
        Assert.Equal(EigenProRegression.Fit(Ntk, x, y, options with { Epochs = 1 }).CoefficientMatrix, cancelled.CoefficientMatrix);

        using var already = new CancellationTokenSource();
        already.Cancel();
        var none = EigenProRegression.Fit(Ntk, x, y, options, cancellationToken: already.Token);
        Assert.True(none.Cancelled);
        Assert.Single(none.Epochs);
        Assert.Equal(0.0, none.CoefficientMatrix.FrobeniusNorm());
    }

    [Fact]
    public void Step_rule_follows_the_stated_formulas()
    {
        var x = Sphere.Sample(300, 4, seed: 6);
        var y = Target(x);
        var flatten = EigenProRegression.Fit(Ntk, x, y, new EigenProOptions { Rank = 5, Subsample = 100, Epochs = 1 });
        var rule = flatten.StepRule;
        // On the unit sphere K(x, x) is the same for every point: kappa(1) on S^3.
        Assert.Equal(Ntk.Evaluate(x.Row(0), x.Row(0)), rule.KernelDiagonal, 12);
        Assert.Equal(rule.KernelDiagonal, rule.PreconditionedDiagonal);   // flattening only lowers eigenvalues
        var lambdaK = flatten.Spectrum.Eigenpairs.Values[4] / 100;
        Assert.Equal(lambdaK, rule.SubsampleTopEigenvalue, 15);
        Assert.Equal(Math.Max(rule.SubsampleTopEigenvalue, rule.SampledTopEigenvalue), rule.TopEigenvalue);
        Assert.Equal(rule.PreconditionedDiagonal / rule.TopEigenvalue + 1, rule.CriticalBatchSize);
        Assert.Equal((int)Math.Floor(rule.CriticalBatchSize), flatten.BatchSize);
        Assert.Equal(300, rule.SampleCount);
        Assert.Equal(40.0 * 299 / (260 * rule.PreconditionedDiagonal + 300 * 39 * rule.TopEigenvalue), rule.StepSize(40), 15);
        // A full batch has no sampling variance: its step is 1 / lambda_P; an unlimited population gives EigenPro's own formula.
        Assert.Equal(1 / rule.TopEigenvalue, rule.StepSize(300), 12);
        Assert.Equal(40 / (rule.PreconditionedDiagonal + 39 * rule.TopEigenvalue), (rule with { SampleCount = 0 }).StepSize(40), 15);
        Assert.Equal(2 * rule.StepSize(40), rule.StepBound(40));

        // A target above the eigenvalues widens the diagonal bound by max g_i / lambda_i: here exactly 2.
        var doubled = EigenProRegression.Fit(Ntk, x, y, new EigenProOptions { Rank = 5, Subsample = 100, Epochs = 1, Target = SpectrumTarget.Parse("2 * lambda") });
        Assert.Equal(2 * doubled.StepRule.KernelDiagonal, doubled.StepRule.PreconditionedDiagonal, 12);
        Assert.Equal(2 * doubled.StepRule.BaseTopEigenvalue, doubled.StepRule.SubsampleTopEigenvalue, 12);
    }

    [Fact]
    public void Classification_records_carry_the_argmax_accuracy()
    {
        var x = Sphere.Sample(300, 4, seed: 6);
        var classes = Enumerable.Range(0, 300).Select(i => x[i, 0] > 0 ? (x[i, 1] > 0 ? 0 : 1) : 2).ToArray();
        var targets = ClassLabels.CentredOneHot(classes, 3);
        var model = EigenProRegression.Fit(Ntk, x, targets, new EigenProOptions { Rank = 10, Subsample = 150, Epochs = 20, Seed = 1 });
        var last = model.Epochs[^1];
        var predicted = ClassLabels.Argmax(model.PredictOutputs(x));
        Assert.Equal(ClassificationMetrics.Accuracy(classes, predicted), last.TrainAccuracy!.Value, 12);
        Assert.True(last.TrainAccuracy > 0.95);
        Assert.Null(last.TestAccuracy);
        Assert.Null(EigenProRegression.Fit(Ntk, x, Target(x), new EigenProOptions { Rank = 5, Subsample = 100, Epochs = 1 }).Epochs[1].TrainAccuracy);
    }

    /// <summary>Synchronous progress (Progress&lt;T&gt; posts to the thread pool, so its reports may arrive late).</summary>
    private sealed class Recorder(Action<EigenProEpoch>? onReport = null) : IProgress<EigenProEpoch>
    {
        public List<EigenProEpoch> Epochs { get; } = [];

        public void Report(EigenProEpoch value)
        {
            Epochs.Add(value);
            onReport?.Invoke(value);
        }
    }
}
