using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Spectra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Msk;

public class ModifiedSpectrumKernelTests
{
    // Identities of docs/design.md#msk hold exactly in exact arithmetic; in double precision they
    // hold to round-off amplified by the condition of the eigenproblem: 1e-10 relative.
    private const double Identity = 1e-10;
    private const int N = 80;
    private const int Rank = 9;

    private static readonly Matrix<double> X = Sphere.Sample(N, 3, seed: 7);
    private static readonly IKernel Base = NetworkArchitecture.Relu(1, 1.0).Ntk();
    private static readonly SpectrumTarget PowerLaw = new("lambda_1 * i^-1", (_, i, c) => c.Lambda1 / i);

    [Fact]
    public void Training_Gram_is_K_times_S()
    {
        var msk = ModifiedSpectrumKernel.Build(Base, X, PowerLaw, Rank);
        var expected = Base.Gram(X) * msk.Preconditioner.Dense();
        Assert.True(Numerics.RelativeError(msk.TrainingGram(), expected) < Identity);
    }

    [Fact]
    public void Cross_matrix_at_the_training_points_equals_the_Gram()
    {
        var msk = ModifiedSpectrumKernel.Build(Base, X, PowerLaw, Rank);
        Assert.True(Numerics.RelativeError(msk.TrainingCross(X), msk.TrainingGram()) < Identity);
        Assert.True(Numerics.RelativeError(msk.Gram(X), msk.TrainingGram()) < Identity);
        Assert.True(Numerics.RelativeError(msk.Cross(X, X), msk.TrainingGram()) < Identity);
    }

    [Fact]
    public void Nystrom_eigenfunctions_interpolate_the_scaled_eigenvectors()
    {
        var msk = ModifiedSpectrumKernel.Build(Base, X, PowerLaw, Rank);
        var eigen = msk.Modification.Eigenpairs;
        for (var i = 1; i <= Rank; i++)
        {
            var expected = eigen.Vector(i - 1) * Math.Sqrt(N);
            Assert.True(Numerics.RelativeError(msk.Eigenfunction(i, X), expected) < Identity, $"phi_{i}");
        }
    }

    [Fact]
    public void Modified_Gram_has_eigenvalues_n_g_for_the_top_k_and_delta_beyond()
    {
        var msk = ModifiedSpectrumKernel.Build(Base, X, PowerLaw, Rank);
        var original = EigenSolver.Full(Base.Gram(X)).Values;
        var expected = Enumerable.Range(0, N)
            .Select(i => i < Rank ? N * msk.Modification.TargetValues[i] : original[i])
            .OrderByDescending(v => v).ToArray();
        var actual = EigenSolver.Full(msk.TrainingGram()).Values;
        for (var i = 0; i < N; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) < Identity * original[0], $"eigenvalue {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Identity_target_reproduces_the_base_kernel_everywhere()
    {
        var msk = ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.Identity, Rank);
        var xNew = Sphere.Sample(15, 3, seed: 99);
        Assert.True(Numerics.RelativeError(msk.TrainingGram(), Base.Gram(X)) < Identity);
        Assert.True(Numerics.RelativeError(msk.Gram(xNew), Base.Gram(xNew)) < Identity);
        Assert.True(Numerics.RelativeError(msk.Cross(xNew, X), Base.Cross(xNew, X)) < Identity);
        Assert.True(Numerics.RelativeError(msk.Preconditioner.Dense(), Matrix<double>.Build.DenseIdentity(N)) < Identity);
    }

    [Fact]
    public void Evaluation_at_new_points_is_symmetric_and_matches_the_Gram()
    {
        var msk = ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.FlattenTop, Rank);
        var xNew = Sphere.Sample(12, 3, seed: 5);
        var gram = msk.Gram(xNew);
        // Relative to the kernel's scale (its largest diagonal entry), not to decimal places: the entries come from the
        // eigenpairs, whose last bits depend on the LAPACK. Swapping the points sums the same Nystrom terms in another
        // order, round-off n eps ~ 2e-14 of the scale (1e-12 leaves a margin of 50); the Gram and the pointwise path
        // differ by the identities' round-off (the file's Identity, 1e-10).
        var scale = gram.Diagonal().AbsoluteMaximum();
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 12; j++)
            {
                var value = msk.Evaluate(xNew.Row(i), xNew.Row(j));
                Assert.True(Math.Abs(value - msk.Evaluate(xNew.Row(j), xNew.Row(i))) <= 1e-12 * scale, $"K({i}, {j}) is not symmetric");
                Assert.True(Math.Abs(value - gram[i, j]) <= Identity * scale, $"K({i}, {j}) = {value:R}, Gram {gram[i, j]:R}");
            }
        }
    }

    [Fact]
    public void Preconditioner_applies_the_dense_S_in_low_rank_form()
    {
        var s = ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.FlattenTop, Rank).Preconditioner;
        var r = Numerics.RandomPoints(N, 1, seed: 4).Column(0);
        Assert.True(Numerics.RelativeError(s.Apply(r), s.Dense() * r) < Identity);

        // In place (result aliases the residual) gives the same answer.
        var buffer = r.ToArray();
        s.Apply(buffer, buffer);
        Assert.True(Numerics.RelativeError(Vector<double>.Build.Dense(buffer), s.Dense() * r) < Identity);
    }

    [Fact]
    public void Flattening_makes_lambda_max_of_KS_equal_delta_k()
    {
        var msk = ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.FlattenTop, Rank);
        var delta = msk.Modification.Eigenpairs.Values;
        var s = msk.Preconditioner;
        // The same eigenvalue: lambda_max(K S) is n g_k = n (delta_k / n), two roundings of delta_k.
        Assert.True(Math.Abs(s.MaxEigenvalueOfKS - delta[Rank - 1]) <= 2 * EigenRoundOff.MachineEpsilon * delta[Rank - 1],
            $"lambda_max(K S) {s.MaxEigenvalueOfKS:R} vs delta_k {delta[Rank - 1]:R}");
        // Two decompositions (of K for delta_k, of the formed K S for its top eigenvalue), each backward stable with
        // respect to ||K|| = delta_1: they agree to a small multiple of n eps delta_1 (another LAPACK moves both by a
        // relative 4e-13 here, as delta_1 / delta_k is large), and so do their reciprocals, the step sizes.
        var largestOfKS = EigenSolver.Full(msk.TrainingGram()).Values[0];
        EigenRoundOff.AssertEigenvalue(largestOfKS, s.MaxEigenvalueOfKS, N, delta[0], "lambda_max(K S)");
        var stepBound = EigenRoundOff.Eigenvalue(N, delta[0]) / largestOfKS + 2 * EigenRoundOff.MachineEpsilon;
        Assert.True(Math.Abs(s.DefaultStepSize * largestOfKS - 1) <= stepBound,
            $"default step {s.DefaultStepSize:R} vs 1 / {largestOfKS:R}: relative bound {stepBound:E3}");
    }

    [Fact]
    public void Context_carries_lambda_1_lambda_k_k_and_n()
    {
        TargetContext? seen = null;
        var spy = new SpectrumTarget("spy", (lambda, _, c) => { seen = c; return lambda; });
        var msk = ModifiedSpectrumKernel.Build(Base, X, spy, Rank);
        var values = msk.Modification.Eigenpairs.Values;
        Assert.Equal(new TargetContext(values[0] / N, values[Rank - 1] / N, Rank, N), seen);
    }

    [Fact]
    public void A_rank_that_cuts_a_degenerate_cluster_is_reported()
    {
        // On S^2 with points on a fine regular-ish sample, degree 1 has multiplicity 3: k = 2
        // cuts it (gap ratio near 1), k = 4 (degrees 0 and 1) sits at a gap.
        var x = Sphere.Sample(400, 3, seed: 1);
        var gram = Base.Gram(x);
        var cut = SpectralModification.Compute(gram, SpectrumTarget.FlattenTop, 2);
        var gap = SpectralModification.Compute(gram, SpectrumTarget.FlattenTop, 4);
        Assert.True(cut.GapRatio > gap.GapRatio);
        Assert.True(gap.GapRatio < 0.7, $"gap ratio at k = 4: {gap.GapRatio}");
    }
}
