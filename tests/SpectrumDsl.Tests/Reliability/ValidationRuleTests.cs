using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Regression;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training;
using static SpectrumDsl.Tests.Reliability.ReliabilityProblem;

namespace SpectrumDsl.Tests.Reliability;

/// <summary>One test per validation rule added or tightened for reliability: parameter name and value in the message.</summary>
public class ValidationRuleTests
{
    private static T Rejects<T>(Action action, string parameter, params string[] fragments) where T : ArgumentException
    {
        var error = Assert.ThrowsAny<T>(action);
        Assert.Equal(parameter, error.ParamName);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }

        return error;
    }

    [Fact]
    public void Explicit_learning_rate_at_or_above_the_stability_bound_is_refused_before_training()
    {
        // GD: lambda_max = delta_1 of the analytic NTK Gram.
        var delta1 = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(X).Evd(Symmetricity.Symmetric).EigenValues.Max(z => z.Real);
        var bound = 2.0 / delta1;
        var rate = 1.01 * bound;
        var steps = 0;
        var error = Rejects<ArgumentOutOfRangeException>(
            () => new Trainer(Gd with { LearningRate = rate }).Run(X, Y, progress: new SyncProgress(p => steps += p.Record is null ? 0 : 1)),
            "LearningRate", SpectrumDsl.Validation.Guard.Format(rate), "stability bound 2/lambda_max(K S)");
        Assert.Equal(0, steps);   // refused before any step
        var reported = double.Parse(error.Message.Split("= ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(bound, reported, 1e-9 * bound);

        // PGD: the bound is 2/lambda_max(K S) (= 2/delta_k when flattening), larger than GD's.
        var pgd = new Trainer(Pgd with { Steps = 1 }).Run(X, Y);
        var pgdBound = 2.0 / pgd.Preconditioner.MaxEigenvalueOfKS;
        Rejects<ArgumentOutOfRangeException>(() => new Trainer(Pgd with { LearningRate = pgdBound }).Run(X, Y),
            "LearningRate", SpectrumDsl.Validation.Guard.Format(pgdBound));

        // Just below the bound is allowed; opting in lets an unstable step through with a warning.
        Assert.DoesNotContain(new Trainer(Gd with { LearningRate = 0.99 * bound, Steps = 1 }).Run(X, Y).Warnings, w => w.Contains("stability"));
        var unstable = new Trainer(Gd with { LearningRate = rate, Steps = 1, AllowUnstableLearningRate = true }).Run(X, Y);
        Assert.Contains(unstable.Warnings, w => w.Contains("stability bound"));
    }

    [Fact]
    public void Duplicate_training_points_are_refused_with_the_parameter_the_rank_and_the_eigenvalue()
    {
        // Two copies of every point: the Gram has rank n/2, its lower half is round-off (|delta| ~ 1e-14).
        var half = Sphere.Sample(8, 3, seed: 1);
        var x = Matrix<double>.Build.DenseOfMatrixArray(new[,] { { half }, { half } });
        var y = Sphere.ZonalHarmonic(x, 1, Sphere.NorthPole(3));

        // PGD with k reaching the round-off eigenvalues: refused, naming TrainerConfig.Rank and its value.
        Rejects<ArgumentOutOfRangeException>(() => new Trainer(Pgd with { Rank = 12, Steps = 1 }).Run(x, y),
            "Rank", "rank 12", "numerically zero", "TrainerConfig.Rank");

        // The same rule one level down, on a Gram with tiny negative eigenvalues from round-off.
        var gram = NetworkArchitecture.Relu(1, 0.5).Ntk().Gram(x);
        Rejects<ArgumentOutOfRangeException>(() => SpectralModification.Compute(gram, SpectrumTarget.FlattenTop, 12), "rank", "12", "numerically zero");
        Assert.Equal(8, SpectralModification.Compute(gram, SpectrumTarget.FlattenTop, 8).Rank);

        // Interpolation refuses the singular Gram with advice; a ridge makes it solvable.
        var singular = Assert.Throws<SingularGramException>(() => KernelRegression.Fit(NetworkArchitecture.Relu(1, 0.5).Ntk(), x, y));
        Assert.Contains("duplicate", singular.Message);
        Assert.Contains("ridge = 0", singular.Message);
        KernelRegression.Fit(NetworkArchitecture.Relu(1, 0.5).Ntk(), x, y, ridge: 1e-8);
    }

    [Fact]
    public void A_rank_cutting_a_cluster_warns_with_the_nearest_ranks_at_a_gap()
    {
        // Equispaced circle points: degrees k >= 1 have exactly two equal eigenvalues (cos, sin),
        // so ranks 1, 3, 5, ... sit at gaps and even ranks cut a pair.
        var x = Sphere.Circle(Enumerable.Range(0, 32).Select(j => 2 * Math.PI * j / 32).ToArray());
        var y = Sphere.ZonalHarmonic(x, 1, Sphere.NorthPole(2));
        var config = Pgd with { Rank = 4, Steps = 1 };
        var result = new Trainer(config).Run(x, y);
        var warning = Assert.Single(result.Warnings, w => w.Contains("cuts a cluster"));
        Assert.Contains("Rank k = 4", warning);
        Assert.Contains("nearest ranks at a gap are 3 and 5", warning);
        Assert.True(result.Preconditioner.CutsCluster);
        Assert.DoesNotContain(new Trainer(config with { Rank = 5 }).Run(x, y).Warnings, w => w.Contains("cuts a cluster"));

        var values = EigenSolver.Full(NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(x)).Values;
        Assert.Equal((1, 3), SpectralModification.NearestGapRanks(values, 2));
        Rejects<ArgumentOutOfRangeException>(() => SpectralModification.NearestGapRanks(values, 33), "rank", "33");
    }

    [Fact]
    public void Tightened_entry_points_name_parameter_and_value()
    {
        var gram = NetworkArchitecture.Relu(1, 1.0).Ntk().Gram(X);
        var y = Y.Clone();
        y[2] = double.PositiveInfinity;
        Rejects<ArgumentException>(() => KernelRegression.Solve(gram, y), "y", "entry 2", "Infinity");
        Rejects<ArgumentOutOfRangeException>(() => KernelRegression.Solve(gram, Y, -1e-3), "ridge", "-0.001");
        var badGram = gram.Clone();
        badGram[1, 1] = double.NaN;
        Rejects<ArgumentException>(() => KernelRegression.Solve(badGram, Y), "gram", "NaN");

        var descent = KernelGradientDescent.Create(gram);
        Rejects<ArgumentException>(() => descent.Step(y), "residual", "Infinity");
        Rejects<ArgumentOutOfRangeException>(() => EigenSolver.Full(gram).Vector(32), "index", "32");
        Rejects<ArgumentException>(() => Sphere.Circle([0.0, double.NaN]), "angles", "entry 1", "NaN");
    }
}
