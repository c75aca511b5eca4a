using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Spectra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Kernels;

/// <summary>
/// The Erf kernels entry by entry against closed forms, at input norms from 1e-9 to 1e3 and at zero correlation
/// (docs/design.md#erf): exact zeros, non-negative diagonals and relative accuracy near 1e-15 where the inputs are tiny.
/// </summary>
public class ErfKernelAccuracyTests
{
    private const double Eps = EigenRoundOff.MachineEpsilon;

    // Points in d = 4 with small integer coordinates, scaled by powers of two below: every product x.z, |x|^2, x.z / d and
    // every term of the Lagrange identity below is exact, so the closed form and the library start from the same numbers.
    private static readonly double[] U = [1, 2, -2, 4];
    private static readonly double[] V = [4, 2, 1, -2];    // u.v = -2: a small negative correlation
    private static readonly double[] W = [1, 2, -2, 5];    // u.w = 29, |u| |w| = 29.15: nearly parallel to u
    private static readonly double[] E1 = [1, 0, 0, 0];
    private static readonly double[] E2 = [0, 1, 0, 0];

    // |u| 2^k = 5 2^k: 1.2e-9, 4.8e-6, 4.9e-3, 5, 80, 1280.
    public static TheoryData<int, double> ScalesAndBiases()
    {
        var data = new TheoryData<int, double>();
        foreach (var k in new[] { -32, -20, -10, 0, 4, 8 })
        {
            foreach (var beta in new[] { 0.0, 1.0 })
            {
                data.Add(k, beta);
            }
        }

        return data;
    }

    private static Vector<double> Scaled(double[] direction, double scale) =>
        Vector<double>.Build.DenseOfArray(direction.Select(v => v * scale).ToArray());

    /// <summary>
    /// Depth-1 NNGP and NTK in closed form, from docs/design.md#erf with Sigma0 = x.z / d + beta^2 and a = 1 + 2 Sigma0(x, x):
    /// Sigma1 = (2/pi) asin(2 Sigma0(x,z) / sqrt(a_x a_z)) + beta^2, SigmaDot1 = (4/pi) / sqrt(D), D = a_x a_z - 4 Sigma0(x,z)^2,
    /// Theta1 = Sigma0(x,z) SigmaDot1 + Sigma1, written without a cancellation: D = 1 + 2 Sigma0(x,x) + 2 Sigma0(z,z)
    /// + 4 (Sigma0(x,x) Sigma0(z,z) - Sigma0(x,z)^2), and by Lagrange's identity the last bracket is
    /// |x ^ z|^2 / d^2 + beta^2 |x - z|^2 / d, a sum of squares; where |rho| &gt; 1/2, asin(rho) = pi/2 - 2 asin(sqrt((1 - rho) / 2))
    /// with 1 - rho = D / (sqrt(a_x a_z) (sqrt(a_x a_z) + 2 Sigma0(x,z))). Also returns each value's magnitude (the sum of
    /// the absolute values of its terms, the scale round-off is relative to) and a_x a_z / D, how much rounding the
    /// inputs of D amplifies.
    /// </summary>
    private static (double Nngp, double Ntk, double NngpMagnitude, double NtkMagnitude, double Amplification) ClosedForm(
        Vector<double> x, Vector<double> z, double beta)
    {
        int d = x.Count;
        double b2 = beta * beta;
        double sxx = x.DotProduct(x) / d + b2, szz = z.DotProduct(z) / d + b2, sxz = x.DotProduct(z) / d + b2;
        double wedge = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                double minor = x[i] * z[j] - x[j] * z[i];
                wedge += minor * minor;
            }
        }

        double gap = wedge / (d * d) + b2 * (x - z).DotProduct(x - z) / d;
        double product = (1 + 2 * sxx) * (1 + 2 * szz);
        double determinant = 1 + 2 * sxx + 2 * szz + 4 * gap;
        double root = Math.Sqrt(product);
        double rho = 2 * sxz / root;
        double asin = Math.Abs(rho) <= 0.5
            ? Math.Asin(rho)
            : Math.CopySign(Math.PI / 2 - 2 * Math.Asin(Math.Sqrt(determinant / (root * (root + 2 * Math.Abs(sxz))) / 2)), rho);
        double sigma1 = 2 / Math.PI * asin + b2;
        double sigmaDot = 4 / Math.PI / Math.Sqrt(determinant);
        double nngpMagnitude = 2 / Math.PI * Math.Abs(asin) + b2;
        return (sigma1, sxz * sigmaDot + sigma1, nngpMagnitude, Math.Abs(sxz) * sigmaDot + nngpMagnitude, product / determinant);
    }

    [Theory]
    [MemberData(nameof(ScalesAndBiases))]
    public void Depth_one_kernels_match_the_closed_form_entry_by_entry(int exponent, double beta)
    {
        double scale = Math.ScaleB(1, exponent);
        var u = Scaled(U, scale);
        (Vector<double>, Vector<double>)[] pairs =
        [
            (u, u), (u, Scaled(V, scale)), (u, Scaled(W, scale)), (u, Scaled(U, -scale / 2)), (u, Scaled(V, scale / 32)),
            (Scaled(E1, scale), Scaled(E2, scale)),
        ];
        var architecture = NetworkArchitecture.Erf(1, beta);
        foreach (var (x, z) in pairs)
        {
            var expected = ClosedForm(x, z, beta);
            var points = Matrix<double>.Build.DenseOfRowVectors(x, z);
            // Both sides are a dozen correctly rounded operations and an arcsine within an ulp or two: 4 eps per unit of
            // amplification. The layer receives sqrt(a_x a_z) and Sigma(x,z) rounded, and D is their difference, so its
            // relative error (and SigmaDot's) is eps a_x a_z / D: 1 for tiny inputs (a bound of 8 eps = 1.8e-15),
            // about 70 for the nearly parallel pair at |u| = 1280. Relative to each value's magnitude, the sum of its
            // terms' absolute values, since with bias Sigma1 = (2/pi) asin(rho) + beta^2 can itself cancel.
            double bound = 4 * Eps * (1 + expected.Amplification);
            AssertClose(expected.Nngp, architecture.Nngp().Evaluate(x, z), bound * expected.NngpMagnitude, "NNGP", exponent, beta);
            AssertClose(expected.Ntk, architecture.Ntk().Evaluate(x, z), bound * expected.NtkMagnitude, "NTK", exponent, beta);
            AssertClose(expected.Nngp, architecture.Nngp().Gram(points)[1, 0], bound * expected.NngpMagnitude, "NNGP Gram", exponent, beta);
            AssertClose(expected.Ntk, architecture.Ntk().Gram(points)[1, 0], bound * expected.NtkMagnitude, "NTK Gram", exponent, beta);
        }
    }

    private static void AssertClose(double expected, double actual, double bound, string what, int exponent, double beta) =>
        Assert.True(Math.Abs(actual - expected) <= bound,
            $"{what} at scale 2^{exponent}, beta {beta}: expected {expected:R}, got {actual:R} (apart {Math.Abs(actual - expected):E2}, bound {bound:E2})");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Without_bias_zero_correlation_gives_exactly_zero_at_every_norm(int depth)
    {
        var architecture = NetworkArchitecture.Erf(depth, 0.0);
        foreach (var norm in new[] { 1e-9, 1e-6, 1e-3, 1.0, 1e3 })
        {
            // x.z = 0: Sigma0 = 0, rho = 0 and asin(0) = 0 in every layer, and Theta = 0 SigmaDot + 0.
            var x = Scaled(E1, norm);
            var z = Scaled(E2, 0.5 * norm);
            var points = Matrix<double>.Build.DenseOfRowVectors(x, z);
            Assert.Equal(0.0, architecture.Nngp().Evaluate(x, z));
            Assert.Equal(0.0, architecture.Ntk().Evaluate(x, z));
            Assert.Equal(0.0, architecture.Nngp().Gram(points)[1, 0]);
            Assert.Equal(0.0, architecture.Ntk().Gram(points)[1, 0]);
            Assert.Equal(0.0, architecture.Ntk().Cross(points, points)[0, 1]);
        }

        Assert.Equal(0.0, NetworkArchitecture.Erf(1, 0).Nngp().Evaluate(Scaled(E1, 1), Scaled(E2, 1)));
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(3, 0.0)]
    [InlineData(2, 0.5)]
    public void The_diagonal_is_positive_at_every_norm_and_tiny_inputs_keep_their_relative_accuracy(int depth, double beta)
    {
        var architecture = NetworkArchitecture.Erf(depth, beta);
        foreach (var norm in new[] { 1e-9, 1e-7, 1e-5, 1e-3, 1e-1, 10, 1e3 })
        {
            var t = Scaled(E1, norm);
            var ntk = architecture.Ntk().Evaluate(t, t);
            var nngp = architecture.Nngp().Evaluate(t, t);
            Assert.True(ntk > 0 && nngp > 0, $"depth {depth}, |t| = {norm}: NTK {ntk:R}, NNGP {nngp:R}");
            Assert.Equal(ntk, architecture.Ntk().Gram(Matrix<double>.Build.DenseOfRowVectors(t))[0, 0]);
        }

        if (beta == 0)
        {
            // For tiny s = |t|^2 / d every layer is linear to first order: Sigma(l) = (4/pi) Sigma(l-1) (1 - O(s)),
            // SigmaDot = 4/pi (1 - O(s)), so Sigma(L) = (4/pi)^L s and Theta(L) = (L + 1) (4/pi)^L s, with relative
            // corrections of order s = 2.5e-19 here (t = 1e-9 e1, d = 4), far below round-off. Both are a chain of
            // about 6 L correctly rounded operations and arcsines within an ulp, and so is the reference: 8 eps L.
            var t = Scaled(E1, 1e-9);
            double s = t.DotProduct(t) / 4, gain = Math.Pow(4 / Math.PI, depth);
            double bound = 8 * Eps * depth;
            Assert.Equal(1.0, architecture.Nngp().Evaluate(t, t) / (gain * s), bound);
            Assert.Equal(1.0, architecture.Ntk().Evaluate(t, t) / ((depth + 1) * gain * s), bound);
        }
    }

    [Fact]
    public void A_two_point_Gram_at_tiny_norms_has_non_negative_eigenvalues()
    {
        var kernels = new IKernel[] { NetworkArchitecture.Erf(1, 0).Ntk(), NetworkArchitecture.Erf(1, 0).Nngp(), NetworkArchitecture.Erf(3, 0).Ntk() };
        (Vector<double>, Vector<double>)[] pairs =
        [
            (Scaled(E1, 1e-9), Scaled(E2, 1e-9)),                     // orthogonal: a diagonal Gram
            (Scaled(E1, 1e-9), Scaled([1, 1, 0, 0], 1e-9)),           // 45 degrees apart
            (Scaled(U, 1e-9), Scaled(V, 1e-6)),                       // different norms
            (Scaled(E1, 1e-12), Scaled([-1, 2, 0, 0], 3e-12)),        // an obtuse pair
        ];
        foreach (var kernel in kernels)
        {
            foreach (var (x, z) in pairs)
            {
                var gram = kernel.Gram(Matrix<double>.Build.DenseOfRowVectors(x, z));
                var values = EigenSolver.Full(gram).Values;
                Assert.True(values.All(v => v >= 0), $"eigenvalues {values[0]:R}, {values[1]:R} of {gram}");
                Assert.True(gram[0, 0] * gram[1, 1] >= gram[0, 1] * gram[0, 1], $"determinant of {gram} is negative");
            }
        }
    }
}
