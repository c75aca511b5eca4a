using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Tests.Reliability;

/// <summary>
/// The MSK identities (docs/design.md#msk, #preconditioner) for random kernels, data and positive targets:
/// Kg(X, X) = K S, Preconditioner.Apply(r) = S r, and S positive definite.
/// </summary>
public class MskPropertyTests
{
    /// <summary>A random case; everything is rebuilt from these numbers so a failure prints a reproducible case.</summary>
    public sealed record Case(
        int N, int D, int DataSeed, int KernelKind, int Depth, double Bias, double Bandwidth,
        int TargetKind, double Exponent, double Factor, double RankFraction)
    {
        public IKernel Kernel() => KernelKind switch
        {
            0 => NetworkArchitecture.Relu(Depth, Bias).Ntk(),
            1 => new GaussianKernel(Bandwidth),
            _ => new LaplaceKernel(Bandwidth),
        };

        public SpectrumTarget Target()
        {
            var a = Exponent;
            var c = Factor;
            return TargetKind switch
            {
                0 => new SpectrumTarget($"lambda^{a}", (lambda, _, _) => Math.Pow(lambda, a)),
                1 => new SpectrumTarget($"{c} * lambda_k", (_, _, context) => c * context.LambdaK),
                _ => new SpectrumTarget($"lambda_1 * i^-{a}", (_, i, context) => context.Lambda1 * Math.Pow(i, -a)),
            };
        }
    }

    private static readonly Gen<Case> Cases =
        from n in Gen.Int[5, 40]
        from d in Gen.Int[2, 5]
        from seed in Gen.Int[0, 1_000_000]
        from kind in Gen.Int[0, 2]
        from depth in Gen.Int[1, 3]
        from bias in Gen.Double[0.0, 1.0]
        from bandwidth in Gen.Double[0.3, 3.0]
        from targetKind in Gen.Int[0, 2]
        from exponent in Gen.Double[0.5, 1.5]
        from factor in Gen.Double[0.1, 10.0]
        from fraction in Gen.Double[0.0, 1.0]
        select new Case(n, d, seed, kind, depth, bias, bandwidth, targetKind, exponent, factor, fraction);

    [Fact]
    public void Msk_identities_hold_and_S_is_positive_definite_for_positive_targets()
    {
        Cases.Sample(c =>
        {
            var x = Sphere.Sample(c.N, c.D, c.DataSeed);
            var kernel = c.Kernel();
            var gram = kernel.Gram(x);
            var values = EigenSolver.Full(gram).Values;

            // Ranks whose eigenvalues are clearly nonzero (rank-deficient kernels such as the
            // bias-free NTK have exact zeros, which SpectralModification refuses by design).
            var usable = values.Count(v => v > 1e-6 * values[0]);
            var rank = Math.Clamp(1 + (int)(c.RankFraction * usable), 1, usable);
            var msk = ModifiedSpectrumKernel.Build(kernel, x, c.Target(), rank);
            var s = msk.Preconditioner;
            var dense = s.Dense();

            var ks = gram * dense;
            var error = (msk.TrainingGram() - ks).FrobeniusNorm() / ks.FrobeniusNorm();
            Assert.True(error <= 1e-9, $"training Gram vs K S: relative error {error} (rank {rank})");

            var r = Vector<double>.Build.Dense(c.N, i => Math.Sin(1.7 * i + c.DataSeed));
            var applied = s.Apply(r);
            var direct = dense * r;
            var applyError = (applied - direct).L2Norm() / direct.L2Norm();
            Assert.True(applyError <= 1e-12, $"Apply vs Dense() r: relative error {applyError}");

            var symmetric = 0.5 * (dense + dense.Transpose());
            var smallest = symmetric.Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real);
            Assert.True(smallest > 0, $"S has eigenvalue {smallest} (rank {rank})");
        }, iter: 150);
    }
}
