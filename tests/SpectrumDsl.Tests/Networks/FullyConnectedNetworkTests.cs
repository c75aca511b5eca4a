using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Networks;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Networks;

public class FullyConnectedNetworkTests
{
    // Tiny networks: depth 2 so a hidden-to-hidden layer is exercised, width 5, d = 3.
    private static readonly Matrix<double> Tiny = Numerics.RandomPoints(4, 3, seed: 11);

    /// <summary>Naive per-point forward pass written straight from docs/design.md#network (no batching, no shared code).</summary>
    private static double NaiveForward(FullyConnectedNetwork network, double[] theta, Vector<double> x)
    {
        var beta = network.Architecture.BiasScale;
        var m = network.Width;
        var d = network.InputDimension;
        var offset = 0;
        var a = x.ToArray();
        for (var l = 0; l <= network.Architecture.Depth; l++)
        {
            var rows = l == network.Architecture.Depth ? 1 : m;
            var cols = a.Length;
            var relu = network.Architecture.Activation == Activation.Relu;
            var c = l == 0 ? 1.0 / Math.Sqrt(d) : Math.Sqrt((relu ? 2.0 : 1.0) / m);
            var h = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                var sum = 0.0;
                for (var q = 0; q < cols; q++)
                {
                    sum += theta[offset + q * rows + r] * a[q];   // column-major W
                }

                h[r] = c * sum + beta * theta[offset + rows * cols + r];
            }

            offset += rows * (cols + 1);
            a = l == network.Architecture.Depth ? h : h.Select(value => relu ? Math.Max(value, 0.0) : ErfSeries.Erf(value)).ToArray();
        }

        return a[0];
    }

    /// <summary>The explicit Jacobian by central differences of the naive forward pass.</summary>
    private static Matrix<double> FiniteDifferenceJacobian(FullyConnectedNetwork network, Matrix<double> x)
    {
        var theta = network.CopyParameters();
        var jacobian = Matrix<double>.Build.Dense(x.RowCount, theta.Length);
        const double h = 1e-6;
        for (var p = 0; p < theta.Length; p++)
        {
            var saved = theta[p];
            for (var i = 0; i < x.RowCount; i++)
            {
                theta[p] = saved + h;
                var plus = NaiveForward(network, theta, x.Row(i));
                theta[p] = saved - h;
                var minus = NaiveForward(network, theta, x.Row(i));
                jacobian[i, p] = (plus - minus) / (2 * h);
            }

            theta[p] = saved;
        }

        return jacobian;
    }

    [Theory]
    [InlineData(Activation.Relu, 1, 0.0)]
    [InlineData(Activation.Relu, 2, 1.0)]
    [InlineData(Activation.Relu, 2, 0.5)]
    [InlineData(Activation.Erf, 1, 0.0)]
    [InlineData(Activation.Erf, 2, 0.5)]
    public void Forward_pass_matches_the_per_point_definition(Activation activation, int depth, double beta)
    {
        var network = FullyConnectedNetwork.Create(new NetworkArchitecture(activation, depth, beta), 3, 5, seed: 4);
        var theta = network.CopyParameters();
        var batched = network.Predict(Tiny);
        for (var i = 0; i < Tiny.RowCount; i++)
        {
            // Same arithmetic in a different order: agreement to 1e-12 relative.
            Assert.Equal(NaiveForward(network, theta, Tiny.Row(i)), batched[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(Activation.Relu, 1, 1.0)]
    [InlineData(Activation.Relu, 2, 1.0)]
    [InlineData(Activation.Relu, 2, 0.0)]
    [InlineData(Activation.Erf, 1, 1.0)]
    [InlineData(Activation.Erf, 2, 1.0)]
    [InlineData(Activation.Erf, 2, 0.0)]
    public void Backprop_and_empirical_NTK_match_the_finite_difference_Jacobian(Activation activation, int depth, double beta)
    {
        var network = FullyConnectedNetwork.Create(new NetworkArchitecture(activation, depth, beta), 3, 5, seed: 7);
        var jacobian = FiniteDifferenceJacobian(network, Tiny);
        var v = Vector<double>.Build.DenseOfArray([0.3, -1.2, 0.7, 2.0]);
        // Central differences with h = 1e-6: on ReLU's piecewise-linear map (no kink crossed for Gaussian weights with
        // probability ~1) truncation is 0; on erf's smooth one it is h^2 times a third derivative of order 1, ~1e-12.
        // Round-off ~1e-10 relative.
        Assert.True(Numerics.RelativeError(network.Gradient(Tiny, v), jacobian.TransposeThisAndMultiply(v)) < 1e-7);
        Assert.True(Numerics.RelativeError(network.EmpiricalNtk(Tiny), jacobian.TransposeAndMultiply(jacobian)) < 1e-7);
    }

    [Fact]
    public void Parameters_round_trip_and_a_rejected_restore_changes_nothing()
    {
        var network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(2, 1.0), 3, 6, seed: 1);
        var before = network.Predict(Tiny);
        var theta = network.CopyParameters();
        Assert.Equal(6 * 4 + 6 * 7 + 7, theta.Length);
        Assert.Equal(theta.Length, network.ParameterCount);
        var poisoned = (double[])theta.Clone();
        for (var i = 0; i < poisoned.Length; i++)
        {
            poisoned[i] += 1.0;
        }

        poisoned[^1] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => network.RestoreParameters(poisoned));
        Assert.Contains("NaN", error.Message);
        Assert.Equal(before, network.Predict(Tiny));
        Assert.Throws<ArgumentException>(() => network.RestoreParameters(new double[3]));
        var other = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(2, 1.0), 3, 6, seed: 2);
        other.RestoreParameters(theta);
        Assert.Equal(before, other.Predict(Tiny));
    }

    [Fact]
    public void Bad_arguments_name_parameter_and_value()
    {
        var architecture = NetworkArchitecture.Relu(1, 1.0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FullyConnectedNetwork.Create(architecture, 3, 0, seed: 1));
        Assert.Equal("width", error.ParamName);
        Assert.Contains("0", error.Message);
        var network = FullyConnectedNetwork.Create(architecture, 3, 4, seed: 1);
        var wrong = Assert.Throws<ArgumentException>(() => network.Predict(Numerics.RandomPoints(2, 4, seed: 1)));
        Assert.Equal("x", wrong.ParamName);
        Assert.Contains("4 columns", wrong.Message);
    }
}

public class EmpiricalNtkConvergenceTests
{
    private static readonly Matrix<double> X = SpectrumDsl.Data.Sphere.Sample(20, 3, seed: 5);

    private static double MeanError(Activation activation, int depth, double beta, int width, int seeds)
    {
        var architecture = new NetworkArchitecture(activation, depth, beta);
        var analytic = architecture.Ntk().Gram(X);
        var total = 0.0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var network = FullyConnectedNetwork.Create(architecture, 3, width, seed: 100 + seed);
            total += Numerics.RelativeError(network.EmpiricalNtk(X), analytic);
        }

        return total / seeds;
    }

    [Theory]
    [InlineData(Activation.Relu, 1, 0.0)]
    [InlineData(Activation.Relu, 1, 1.0)]
    [InlineData(Activation.Relu, 2, 0.0)]
    [InlineData(Activation.Relu, 2, 1.0)]
    [InlineData(Activation.Erf, 1, 1.0)]
    [InlineData(Activation.Erf, 2, 0.0)]
    public void Relative_Frobenius_error_shrinks_with_width_and_is_small_at_4096(Activation activation, int depth, double beta)
    {
        // Averaged over seeds; the error scales like 1/sqrt(m), so each 4x in width should
        // roughly halve it. Asserting strict decrease of the means (not the halving) keeps the
        // test robust to seed noise, which is ~30 % of the mean at 3 seeds.
        var e256 = MeanError(activation, depth, beta, 256, 3);
        var e1024 = MeanError(activation, depth, beta, 1024, 3);
        var e4096 = MeanError(activation, depth, beta, 4096, 2);
        Assert.True(e1024 < e256, $"error at 1024 ({e1024}) not below error at 256 ({e256})");
        Assert.True(e4096 < e1024, $"error at 4096 ({e4096}) not below error at 1024 ({e1024})");
        Assert.True(e4096 < 0.05, $"error at 4096 is {e4096}");
        Console.WriteLine($"{activation} depth {depth} beta {beta}: {e256:F4} {e1024:F4} {e4096:F4}");
    }
}

public class TrainingStepAllocationTests
{
    [Fact]
    public void A_training_step_allocates_nothing()
    {
        var network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(2, 1.0), 2, 64, seed: 3);
        var x = SpectrumDsl.Data.Sphere.Sample(16, 2, seed: 1);

        // Buffers are preallocated and NetworkMath writes into them: exactly zero bytes (MathNet's
        // own in-place products allocated ~147 KB per step here, which is why they are not used).
        Assert.Equal(0L, Support.Allocations.OfTrainingStep(network, x, residualValue: 0.1, rate: 1e-3));
    }
}
