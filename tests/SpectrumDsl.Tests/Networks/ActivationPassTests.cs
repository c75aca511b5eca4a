using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Tests.LinearAlgebra;

namespace SpectrumDsl.Tests.Networks;

/// <summary>
/// The activation passes run as vector operators over chunks on every core: each element must get exactly
/// the scalar formula's bits whatever the width, the thread count and its position in a chunk.
/// </summary>
[Collection(ControlCollection.Name)]
public class ActivationPassTests
{
    // Past two chunks (the parallel threshold) and not a multiple of a chunk or a vector, with the special values
    // where max and the gate could disagree with the scalar formula: -0, NaN, infinities, subnormals.
    private static double[] Inputs(int seed)
    {
        var random = new Random(seed);
        var values = new double[2 * ParallelMap.Chunk + 1237];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextDouble() - 0.5) * 6;
        }

        double[] special = [-0.0, 0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon];
        for (var i = 0; i < special.Length; i++)
        {
            values[ParallelMap.Chunk - 3 + i] = special[i];
            values[values.Length - 1 - i] = special[i];
        }

        return values;
    }

    public static TheoryData<Activation> Activations() => new() { Activation.Relu, Activation.Erf };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Apply_gives_the_scalar_formula_bits_at_every_width_and_thread_count(Activation activation)
    {
        var h = Inputs(1);
        Func<double, double> scalar = activation == Activation.Relu ? x => Math.Max(x, 0.0) : MathNet.Numerics.SpecialFunctions.Erf;
        var expected = h.Select(scalar).ToArray();
        foreach (var (width, threads) in Settings())
        {
            var a = new double[h.Length];
            using (LinearAlgebraControl.Override(width: width, threads: threads))
            {
                SpectrumDsl.Networks.Activations.Apply(activation, h, a);
            }

            AssertSameBits(expected, a, $"{activation} {width} {threads} threads");
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void MultiplyDerivative_gives_the_scalar_formula_bits_at_every_width_and_thread_count(Activation activation)
    {
        var h = Inputs(2);
        var g0 = Inputs(3);
        const double scale = 0.7;
        var expected = new double[h.Length];
        for (var i = 0; i < h.Length; i++)
        {
            expected[i] = activation == Activation.Relu
                ? (h[i] > 0 ? scale * g0[i] : 0.0)
                : scale * 1.1283791670955126 * Math.Exp(-h[i] * h[i]) * g0[i];
        }

        foreach (var (width, threads) in Settings())
        {
            var g = (double[])g0.Clone();
            using (LinearAlgebraControl.Override(width: width, threads: threads))
            {
                SpectrumDsl.Networks.Activations.MultiplyDerivative(activation, h, g, scale);
            }

            AssertSameBits(expected, g, $"{activation}' {width} {threads} threads");
        }
    }

    private static IEnumerable<(VectorWidth Width, int Threads)> Settings()
    {
        foreach (var width in Enum.GetValues<VectorWidth>().Where(w => w != VectorWidth.Vector512 || System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated))
        {
            yield return (width, 1);
            yield return (width, 2);
        }
    }

    private static void AssertSameBits(double[] expected, double[] actual, string label)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"{label}: element {i} (input position in chunk {i % ParallelMap.Chunk}) is {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
