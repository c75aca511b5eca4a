using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Tests.Networks;

/// <summary>The network's tangent operator J J^T, applied without forming J, against an explicit Jacobian.</summary>
public class NetworkOperatorTests
{
    private static readonly Matrix<double> X = Sphere.Sample(9, 3, seed: 4);

    /// <summary>J (n c x P), row i + a n = grad f_a(x_i), one backpropagation per row.</summary>
    private static Matrix<double> Jacobian(FullyConnectedNetwork network)
    {
        var n = X.RowCount;
        var rows = new Vector<double>[n * network.OutputCount];
        for (var a = 0; a < network.OutputCount; a++)
        {
            for (var i = 0; i < n; i++)
            {
                var weights = Matrix<double>.Build.Dense(n, network.OutputCount);
                weights[i, a] = 1.0;
                rows[a * n + i] = network.Gradient(X, weights);
            }
        }

        return Matrix<double>.Build.DenseOfRowVectors(rows);
    }

    [Theory]
    [InlineData(Activation.Relu, 1, 1)]
    [InlineData(Activation.Relu, 2, 3)]
    [InlineData(Activation.Erf, 2, 3)]
    public void Apply_is_J_J_transpose_of_the_explicit_Jacobian(Activation activation, int depth, int outputs)
    {
        var network = FullyConnectedNetwork.Create(new NetworkArchitecture(activation, depth, 0.7), 3, 16, seed: 2, outputs: outputs);
        var j = Jacobian(network);
        var v = Vector<double>.Build.Dense(j.RowCount, i => Math.Sin(1.0 + i));
        var expected = j * (j.TransposeThisAndMultiply(v));
        var actual = new double[v.Count];
        new NetworkOperator(network, X).Apply(v.ToArray(), actual);
        // Both are sums of the same products in another order: agreement to round-off (1e-12 relative).
        Assert.True((Vector<double>.Build.DenseOfArray(actual) - expected).L2Norm() < 1e-12 * expected.L2Norm());
    }

    [Fact]
    public void Apply_with_a_correction_is_J_times_the_gradient_plus_the_correction()
    {
        var network = FullyConnectedNetwork.Create(new NetworkArchitecture(Activation.Relu, 2, 0.7), 3, 16, seed: 5, outputs: 2);
        var j = Jacobian(network);
        // Any linear parameter-space term C v: mini-batch PGD's correction is one (S restricted to the batch).
        var c = Matrix<double>.Build.Dense(network.ParameterCount, j.RowCount, (p, i) => Math.Cos(0.7 * p + 1.3 * i) / network.ParameterCount);
        var v = Vector<double>.Build.Dense(j.RowCount, i => Math.Sin(2.0 + i));
        var expected = j * (j.TransposeThisAndMultiply(v) + c * v);
        var actual = new double[v.Count];
        NetworkOperator.GradientCorrection correction = (u, gradients) =>
            network.AddFlatToGradients((c * Vector<double>.Build.DenseOfArray(u.ToArray())).ToArray(), gradients);
        new NetworkOperator(network, X, correction).Apply(v.ToArray(), actual);
        // The same products as the explicit form in another order: round-off (1e-12 relative).
        Assert.True((Vector<double>.Build.DenseOfArray(actual) - expected).L2Norm() < 1e-12 * expected.L2Norm());
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Erf)]
    public void Tangent_is_the_directional_derivative_of_the_outputs(Activation activation)
    {
        var network = FullyConnectedNetwork.Create(new NetworkArchitecture(activation, 2, 0.5), 3, 12, seed: 6, outputs: 2);
        var direction = Vector<double>.Build.Dense(network.ParameterCount, p => Math.Cos(0.3 * p));
        var j = Jacobian(network);
        var jvp = j * direction;
        // Central differences along the direction: O(h^2) error away from ReLU kinks and for smooth erf (h = 1e-6).
        var h = 1e-6;
        var theta = network.CopyParameters();
        var plus = network.Clone();
        plus.RestoreParameters(theta.Zip(direction, (t, u) => t + h * u).ToArray());
        var minus = network.Clone();
        minus.RestoreParameters(theta.Zip(direction, (t, u) => t - h * u).ToArray());
        var difference = (plus.PredictOutputs(X) - minus.PredictOutputs(X)) / (2 * h);
        var flat = Vector<double>.Build.DenseOfArray(difference.ToColumnMajorArray());
        Assert.True((flat - jvp).L2Norm() < 1e-6 * jvp.L2Norm(), $"{(flat - jvp).L2Norm()} vs {jvp.L2Norm()}");
    }

    [Fact]
    public void Largest_eigenvalue_matches_the_dense_operator_with_and_without_S()
    {
        var architecture = NetworkArchitecture.Relu(1, 1.0);
        var x = Sphere.Sample(24, 2, seed: 5);
        var network = FullyConnectedNetwork.Create(architecture, 2, 64, seed: 1, outputs: 2);
        var s = new Preconditioner(SpectralModification.Compute(architecture.Ntk().Gram(x), SpectrumTarget.FlattenTop, 5));
        var n = x.RowCount;
        var rows = new List<Vector<double>>();
        for (var a = 0; a < 2; a++)
        {
            for (var i = 0; i < n; i++)
            {
                var weights = Matrix<double>.Build.Dense(n, 2);
                weights[i, a] = 1.0;
                rows.Add(network.Gradient(x, weights));
            }
        }

        var j = Matrix<double>.Build.DenseOfRowVectors(rows);
        var blockS = Matrix<double>.Build.Dense(2 * n, 2 * n);
        blockS.SetSubMatrix(0, 0, s.Dense());
        blockS.SetSubMatrix(n, n, s.Dense());
        var tangent = new NetworkOperator(network, x);
        foreach (var (preconditioner, sMatrix) in new[] { (null, Matrix<double>.Build.DenseIdentity(2 * n)), (s, blockS) })
        {
            // lambda_max(J J^T S) = lambda_max(S^1/2 J J^T S^1/2); the dense check uses the similar J^T S J.
            var dense = (j.TransposeThisAndMultiply(sMatrix) * j).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Max(z => z.Real);
            var estimate = tangent.LargestEigenvalue(preconditioner, seed: 3, iterations: 48, tolerance: 1e-14);
            // Ritz values approach from below; with the whole 48-dimensional space the top one is exact to round-off.
            Assert.InRange(estimate, dense * (1 - 1e-9), dense * (1 + 1e-9));
            // Twelve products already resolve it to 1e-4: the setup's estimates stop after a few tens at most.
            var early = tangent.LargestEigenvalue(preconditioner, seed: 3, iterations: 12, tolerance: 0);
            Assert.InRange(early, dense * (1 - 1e-4), dense * (1 + 1e-9));
        }
    }

    [Fact]
    public void Ten_outputs_give_a_cluster_of_top_eigenvalues_that_the_estimate_resolves()
    {
        // The NTK of c outputs is K (x) I_c at infinite width: c equal top eigenvalues, split at finite width by a few
        // percent. The Lanczos estimate must reach lambda_max within its tolerance, not stop inside the cluster.
        var x = Sphere.Sample(60, 5, seed: 8);
        var network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(1, 1.0), 5, 4096, seed: 3, outputs: 10);
        var tangent = new NetworkOperator(network, x);
        var dense = Matrix<double>.Build.Dense(tangent.Length, tangent.Length);
        var unit = new double[tangent.Length];
        var column = new double[tangent.Length];
        for (var i = 0; i < tangent.Length; i++)
        {
            unit[i] = 1;
            tangent.Apply(unit, column);
            dense.SetColumn(i, column);
            unit[i] = 0;
        }

        var eigenvalues = dense.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).OrderDescending().ToArray();
        var top = eigenvalues[0];
        // The premise: ten eigenvalues within a few percent of the top.
        Assert.InRange(eigenvalues[9] / top, 0.9, 1.0);
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            var estimate = tangent.LargestEigenvalue(null, seed);
            Assert.InRange(estimate, top * (1 - 2e-3), top * (1 + 1e-9));
        }
    }
}
