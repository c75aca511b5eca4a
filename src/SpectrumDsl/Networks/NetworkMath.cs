using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Networks;

/// <summary>
/// The single place where the network's matrix products happen. Every call writes into a
/// preallocated result (which must not alias an operand), so a training step allocates no
/// matrices. The bodies use MathNet's in-place overloads today; the vectorised
/// <c>SpectrumDsl.LinearAlgebra.FastLinearAlgebra</c> kernels are meant to be swapped in here.
/// </summary>
internal static class NetworkMath
{
    /// <summary>result = a * b.</summary>
    public static void MultiplyInto(Matrix<double> a, Matrix<double> b, Matrix<double> result) =>
        a.Multiply(b, result);

    /// <summary>result = a * b^T.</summary>
    public static void MultiplyTransposedInto(Matrix<double> a, Matrix<double> b, Matrix<double> result) =>
        a.TransposeAndMultiply(b, result);

    /// <summary>result = a^T * b.</summary>
    public static void TransposeAndMultiplyInto(Matrix<double> a, Matrix<double> b, Matrix<double> result) =>
        a.TransposeThisAndMultiply(b, result);

    /// <summary>The column-major storage of a dense matrix (all network buffers are dense).</summary>
    public static double[] Data(Matrix<double> matrix) =>
        matrix.AsColumnMajorArray() ?? throw new InvalidOperationException("Network buffers must be dense matrices.");
}
