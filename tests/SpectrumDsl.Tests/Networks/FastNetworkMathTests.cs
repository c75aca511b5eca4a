using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Tests.LinearAlgebra;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Networks;

[Collection(ControlCollection.Name)]
public class FastNetworkMathTests
{
    [Fact]
    public void Packed_products_match_the_plain_loops()
    {
        var a = Numerics.RandomPoints(130, 70, seed: 1);
        var b = Numerics.RandomPoints(70, 90, seed: 2);
        var bt = b.Transpose();
        var at = a.Transpose();
        var c = Numerics.RandomPoints(130, 90, seed: 3);
        foreach (var (name, run, rows, cols) in new (string, Action<Matrix<double>>, int, int)[]
        {
            ("A B", r => NetworkMath.MultiplyInto(a, b, r), 130, 90),
            ("A B^T", r => NetworkMath.MultiplyTransposedInto(a, bt, r), 130, 90),
            ("A^T C", r => NetworkMath.TransposeAndMultiplyInto(a, c, r), 70, 90),
        })
        {
            var fast = Matrix<double>.Build.Dense(rows, cols);
            var plain = Matrix<double>.Build.Dense(rows, cols);
            run(fast);
            using (LinearAlgebraControl.Override(packedProducts: false))
            {
                run(plain);
            }

            Assert.True(Numerics.RelativeError(fast, plain) <= 1e-12, $"{name}: {Numerics.RelativeError(fast, plain)}");
        }
    }

    [Fact]
    public void A_large_training_step_on_the_parallel_gemm_allocates_nothing()
    {
        // Products of 256 x 96 x 512 go through the packed GEMM and the worker pool.
        var network = FullyConnectedNetwork.Create(NetworkArchitecture.Relu(1, 1.0), 96, 512, seed: 3);
        var x = SpectrumDsl.Data.Sphere.Sample(256, 96, seed: 1);
        Assert.Equal(0L, Support.Allocations.OfTrainingStep(network, x, residualValue: 0.01, rate: 1e-4, warmUp: 5, rounds: 3, stepsPerRound: 2));
    }
}
