using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Tests.Support;

/// <summary>Comparisons used across the numerical tests.</summary>
internal static class Numerics
{
    public static double RelativeError(Matrix<double> actual, Matrix<double> expected) =>
        (actual - expected).FrobeniusNorm() / Math.Max(expected.FrobeniusNorm(), double.Epsilon);

    public static double RelativeError(Vector<double> actual, Vector<double> expected) =>
        (actual - expected).L2Norm() / Math.Max(expected.L2Norm(), double.Epsilon);

    /// <summary>Uniform random points in a box, for kernels that are not restricted to the sphere.</summary>
    public static Matrix<double> RandomPoints(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        return Matrix<double>.Build.Dense(count, dimension, (_, _) => 2.0 * random.NextDouble() - 1.0);
    }
}
