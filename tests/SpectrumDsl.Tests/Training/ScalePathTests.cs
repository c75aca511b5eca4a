using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training;
using SpectrumDsl.Training.MiniBatch;
using SpectrumDsl.Training.Setup;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.Training;

/// <summary>The Nystrom path: eigenpairs from a subsample, nothing n x n, mini-batches corrected through the subsample.</summary>
public class ScalePathTests(ITestOutputHelper output)
{
    private static readonly NetworkArchitecture Architecture = NetworkArchitecture.Relu(1, 1.0);

    [Fact]
    public void With_the_whole_set_as_subsample_the_Nystrom_path_builds_the_exact_paths_S()
    {
        var config = new TrainerConfig { Width = 256, Rank = 7, Steps = 1, Seed = 3 };
        var data = TrainingData.Create(CircleProblem.X, Matrix<double>.Build.DenseOfColumnVectors(CircleProblem.Labels(3)), null, null);
        var exact = TrainingSetup.Prepare(config with { Path = TrainingPath.Exact }, data);
        var nystrom = TrainingSetup.Prepare(config with { Path = TrainingPath.Nystrom, Subsample = data.Count }, data);
        Assert.Equal(TrainingPath.Exact, exact.Spectrum.Path);
        Assert.Equal(TrainingPath.Nystrom, nystrom.Spectrum.Path);
        var a = exact.Spectrum.Preconditioner!.Dense();
        var b = nystrom.Spectrum.Preconditioner!.Dense();
        // Same K, same top-8 eigenpairs up to signs (which cancel in V diag(c) V^T): round-off of two
        // decompositions, amplified by c_i up to delta_1/delta_7 ~ 300, stays far below 1e-6.
        Assert.True((a - b).FrobeniusNorm() < 1e-6 * a.FrobeniusNorm(), $"{(a - b).FrobeniusNorm()}");
        Assert.Equal(exact.StepSize, nystrom.StepSize, 1e-6 * exact.StepSize);
    }

    [Fact]
    public void Nystrom_eigenpairs_converge_to_the_exact_ones_as_the_subsample_grows_and_extend_through_the_coefficients()
    {
        var x = Sphere.Sample(800, 3, seed: 5);
        var kernel = Architecture.Ntk();
        var exact = EigenSolver.Full(kernel.Gram(x));
        double Error(int s)
        {
            var system = EigenSolver.NystromSystem(kernel, x, 9, s, seed: 2);
            // V = K(X, X_S) A holds to round-off: the coefficients reach every direction through the subsample.
            var extended = kernel.Cross(x, system.Points) * system.Coefficients;
            var vectors = system.Pairs.VectorsView;
            Assert.True((extended - vectors).FrobeniusNorm() < 1e-8 * vectors.FrobeniusNorm(), $"s = {s}: V - K(X, X_S) A = {(extended - vectors).FrobeniusNorm()}");
            // Degree 0 and the three degree-1 harmonics (k = 4 sits at a gap on S^2): relative eigenvalue error.
            return Enumerable.Range(0, 4).Max(i => Math.Abs(system.Pairs.ValuesView[i] - exact.ValuesView[i]) / exact.ValuesView[i]);
        }

        var small = Error(100);
        var large = Error(400);
        output.WriteLine($"top-4 relative eigenvalue error: s = 100 {small:G3}, s = 400 {large:G3}");
        // Nystrom underestimates (Schur complement); the error shrinks with s (about like 1/s for these
        // well-separated values): 4x the subsample must at least halve it, and at s = n/2 it is below 1 %.
        Assert.True(large < 0.5 * small && large < 0.01, $"{small} -> {large}");
    }

    [Fact]
    public void The_subsample_correction_equals_the_exact_one_at_initialisation_when_the_subsample_is_everything()
    {
        var x = CircleProblem.X;
        var n = x.RowCount;
        var gram = Architecture.Ntk().Gram(x);
        var modification = SpectralModification.FromEigenpairs(EigenSolver.Full(gram), SpectrumTarget.FlattenTop, 7);
        var system = EigenSolver.NystromSystem(Architecture.Ntk(), x, 8, n, seed: 1);
        var nystromModification = SpectralModification.FromEigenpairs(system.Pairs, SpectrumTarget.FlattenTop, 7);
        var batch = new[] { 3, 17, 40, 41, 60 };
        var residual = Enumerable.Range(0, batch.Length * 2).Select(i => Math.Sin(i + 0.5)).ToArray();

        Vector<double> Update(Func<FullyConnectedNetwork, BatchCorrection> create)
        {
            var network = FullyConnectedNetwork.Create(Architecture, 2, 512, seed: 4, outputs: 2);
            var before = network.CopyParameters();
            create(network).Apply(batch, residual, 1.0);
            return Vector<double>.Build.DenseOfArray(network.CopyParameters()) - Vector<double>.Build.DenseOfArray(before);
        }

        var exact = Update(network => BatchCorrection.ThroughTrainingSet(network, modification, x));
        var subsample = Update(network => BatchCorrection.ThroughSubsample(network, nystromModification, system.Points, system.Coefficients));
        // J_0^T V diag(c) Z against J_0^T (A diag(delta c) Z) with A = V diag(1/delta): equal up to the eigenvector
        // round-off of two decompositions, amplified by c (tens to hundreds).
        Assert.True((exact - subsample).L2Norm() < 1e-6 * exact.L2Norm(), $"{(exact - subsample).L2Norm()} vs {exact.L2Norm()}");
    }

    [Fact]
    public void Mini_batch_PGD_on_the_Nystrom_path_reaches_the_full_batch_predictor()
    {
        var y = CircleProblem.Labels(2);
        var config = new TrainerConfig { Width = 4096, Rank = 5, Steps = 3000, Seed = 9, Tolerance = 0.01, RecordInterval = 50, Path = TrainingPath.Nystrom, Subsample = 48 };
        var full = new Trainer(config with { Path = TrainingPath.Exact }).Run(CircleProblem.X, y);
        var batch = new Trainer(config with { BatchSize = 16 }).Run(CircleProblem.X, y);
        Assert.Equal(TrainingPath.Nystrom, batch.Path);
        Assert.Equal(48, batch.Subsample);
        var reference = full.Predict(CircleProblem.TestX);
        var difference = (batch.Predict(CircleProblem.TestX) - reference).L2Norm() / reference.L2Norm();
        output.WriteLine($"exact full batch {full.StepsTaken} steps; Nystrom (s = 48) batch 16: {batch.StepsTaken} steps; test difference {difference:G3}");
        Assert.True(full.Converged && batch.Converged, $"full {full.StepsTaken}, batch {batch.StepsTaken}");
        // As for the exact path's mini-batch test: about one full-batch step per epoch; a broken correction diverges or
        // needs delta_1/delta_k = 66 times more epochs. The subsample's S differs slightly from the exact one, which
        // changes the speed, not the limit: 3 % as there.
        Assert.True(batch.StepsTaken / 4.0 <= 3 * full.StepsTaken + 4, $"{batch.StepsTaken} mini-batch steps vs {full.StepsTaken} full-batch steps");
        Assert.True(difference < 0.03, $"mini-batch Nystrom vs exact full-batch predictor differ by {difference}");
    }

    [Fact]
    public void A_run_on_the_Nystrom_path_allocates_nothing_n_by_n()
    {
        // n = 6000 on S^9: an n x n Gram would be 288 MB. Everything the run allocates on this thread stays far below.
        var x = Sphere.Sample(6000, 10, seed: 1);
        var y = Sphere.ZonalHarmonic(x, 1, Sphere.NorthPole(10));
        var config = new TrainerConfig { Width = 64, Rank = 11, Steps = 3, Seed = 1, Subsample = 400, BatchSize = 500, RecordInterval = 1, Path = TrainingPath.Nystrom };
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = new Trainer(config).Run(x, y);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"allocated {allocated / 1e6:G3} MB (n x n would be {6000.0 * 6000 * 8 / 1e6:G3} MB)");
        Assert.Equal(TrainingPath.Nystrom, result.Path);
        Assert.True(allocated < 6000L * 6000 * 8 / 3, $"{allocated} bytes");
    }

    [Fact]
    public void The_path_rule_is_reported_and_can_be_forced()
    {
        var small = new Trainer(new TrainerConfig { Width = 64, Rank = 5, Steps = 1 }).Run(CircleProblem.X, CircleProblem.Labels(1));
        Assert.Equal(TrainingPath.Exact, small.Path);
        Assert.Null(small.Subsample);
        Assert.Equal(TrainingPath.Exact, TrainingSetup.ChoosePath(new TrainerConfig(), TrainerConfig.ExactPathLimit));
        Assert.Equal(TrainingPath.Nystrom, TrainingSetup.ChoosePath(new TrainerConfig(), TrainerConfig.ExactPathLimit + 1));
        Assert.Equal(TrainingPath.Exact, TrainingSetup.ChoosePath(new TrainerConfig { Path = TrainingPath.Exact }, 10 * TrainerConfig.ExactPathLimit));
        var error = Assert.Throws<ArgumentException>(() => new Trainer(new TrainerConfig { Rank = 5, Path = TrainingPath.Nystrom, PreconditionerSource = PreconditionerSource.EmpiricalNtk }).Run(CircleProblem.X, CircleProblem.Labels(1)));
        Assert.Equal("PreconditionerSource", error.ParamName);
        var subsample = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new TrainerConfig { Rank = 5, Path = TrainingPath.Nystrom, Subsample = 65 }).Run(CircleProblem.X, CircleProblem.Labels(1)));
        Assert.Equal("Subsample", subsample.ParamName);
    }

    [Fact]
    public void The_networks_PGD_batch_operator_approaches_the_kernels_as_the_width_grows()
    {
        // J_B (J_B^T + correction) against (K S)[B, B] = K[B, B] + V_(k,B) diag(delta c) V_(k,B)^T on the same seeded batches.
        var x = CircleProblem.X;
        var kernel = Architecture.Ntk();
        var modification = SpectralModification.FromEigenpairs(EigenSolver.Full(kernel.Gram(x)), SpectrumTarget.FlattenTop, 5);
        var expected = BatchOperatorEstimate.Kernel(kernel, x, 16, seed: 3, modification);
        var plain = BatchOperatorEstimate.Kernel(kernel, x, 16, seed: 3);
        double Gap(int width)
        {
            var network = FullyConnectedNetwork.Create(Architecture, 2, width, seed: 7);
            var measured = BatchOperatorEstimate.Network(network, x, 16, seed: 3, BatchCorrection.ThroughTrainingSet(network, modification, x));
            return Math.Abs(measured - expected) / expected;
        }

        var narrow = Gap(256);
        var wide = Gap(8192);
        output.WriteLine($"(K S)[B, B]: {expected:G4} (K[B, B]: {plain:G4}); relative gap of the network's: width 256 {narrow:G3}, 8192 {wide:G3}");
        // Flattening lowers the batch's top (the batch sees the flattened top directions) ...
        Assert.True(expected < 0.8 * plain, $"{expected} vs {plain}");
        // ... and the network's operator follows the kernel's: the NTK error shrinks like 1/sqrt(width), 32 x wider
        // shrinks it about 5.7 x; allow 2 x for one seed, and 10 % at width 8192 (power iteration to 1e-3 both ways).
        Assert.True(wide < 0.5 * narrow && wide < 0.1, $"{narrow} -> {wide}");
    }

    [Theory]
    [InlineData(Optimizer.GradientDescent)]
    [InlineData(Optimizer.Preconditioned)]
    public void Mini_batch_steps_with_its_batch_operator_and_stays_stable(Optimizer optimizer)
    {
        // GD's batch operator K[B, B] and PGD's (K S)[B, B] (on the Nystrom path, whose correction is taken at the
        // current weights) of 8 of 64 points: the top part scales like b / n = 1/8 while the diagonal does not (K(x, x)
        // ~ 3), so the step is several times the full-batch one; at the full-batch step one epoch would only match one
        // full-batch step. Training converges without diverging, in fewer epochs than full batch needs steps.
        var (y, config) = optimizer == Optimizer.GradientDescent
            ? (CircleProblem.Labels(1), new TrainerConfig { Width = 2048, Rank = 5, Steps = 400, Seed = 2, Optimizer = optimizer, Tolerance = 0.05 })
            : (CircleProblem.Labels(2), new TrainerConfig { Width = 4096, Rank = 5, Steps = 2000, Seed = 9, Tolerance = 0.02, Path = TrainingPath.Nystrom, Subsample = 48 });
        var full = new Trainer(config).Run(CircleProblem.X, y);
        var batch = new Trainer(config with { BatchSize = 8 }).Run(CircleProblem.X, y);
        output.WriteLine($"{optimizer} full batch: eta {full.StepSize:G4}, {full.StepsTaken} steps; batch 8: eta {batch.StepSize:G4}, {batch.StepsTaken} steps ({batch.StepsTaken / 8.0} epochs)");
        Assert.True(batch.StepSize > 2 * full.StepSize, $"{batch.StepSize} vs {full.StepSize}");
        Assert.True(full.Converged && batch.Converged, $"full {full.StepsTaken}, batch {batch.StepsTaken}");
        Assert.True(batch.StepsTaken / 8.0 < full.StepsTaken, "the batch step should need fewer epochs than full-batch steps");
    }
}

/// <summary>The Nystrom preconditioner outside the trainer (SpectrumSpec; the F# layer calls the same).</summary>
public class NystromPreconditionerTests
{
    [Fact]
    public void Spec_builds_a_Nystrom_S_that_approaches_the_exact_one_as_the_subsample_grows()
    {
        var spec = new SpectrumSpec(NetworkArchitecture.Relu(1, 1.0).Ntk(), SpectrumTarget.FlattenTop, 5);
        var x = Sphere.Sample(300, 2, seed: 6);
        var exact = spec.BuildPreconditioner(x).Dense();
        double Error(int s) => (spec.BuildNystromPreconditioner(x, s, seed: 1).Dense() - exact).FrobeniusNorm() / exact.FrobeniusNorm();
        var small = Error(30);
        var large = Error(150);
        var whole = Error(300);
        // k = 5 sits at a gap on the circle (degrees 0..2): the top-5 space converges as s grows, and with s = n it is exact.
        Assert.True(large < small && whole < 1e-6, $"{small} -> {large} -> {whole}");
        Assert.Throws<ArgumentOutOfRangeException>(() => spec.BuildNystromPreconditioner(x, 4));
    }
}
