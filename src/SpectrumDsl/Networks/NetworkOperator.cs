using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Msk;

namespace SpectrumDsl.Networks;

/// <summary>
/// The network's own tangent operator on the training set at its current parameters, applied without
/// forming J or any n x n matrix: J J^T v is one backpropagation of v (J^T v) and one forward-mode pass
/// (J u), all c outputs together. Finite width couples the outputs through the shared hidden units,
/// which is why this operator, not c copies of the scalar kernel, decides which steps are stable.
/// </summary>
internal sealed class NetworkOperator
{
    private readonly FullyConnectedNetwork network;
    private readonly Matrix<double> points;
    private readonly NetworkWorkspace forward;
    private readonly NetworkWorkspace tangents;
    private readonly GradientCorrection? correction;

    /// <summary>Adds a parameter-space term for the vector v to the gradients J^T v already in the workspace.</summary>
    public delegate void GradientCorrection(ReadOnlySpan<double> v, NetworkWorkspace gradients);

    /// <summary>J J^T on <paramref name="points"/>, or J (J^T + <paramref name="correction"/>) when one is given (mini-batch PGD's operator on its batch).</summary>
    public NetworkOperator(FullyConnectedNetwork network, Matrix<double> points, GradientCorrection? correction = null)
    {
        this.network = network;
        this.points = points;
        this.correction = correction;
        forward = network.CreateWorkspace(points.RowCount);
        tangents = network.CreateWorkspace(points.RowCount);
        network.Forward(forward, points);
    }

    /// <summary>n c, the length of the vectors the operator acts on (column-major n x c).</summary>
    public int Length => points.RowCount * network.OutputCount;

    /// <summary>result = J (J^T v + correction(v)) for v, result of length n c (column-major n x c); allocation-free.</summary>
    public void Apply(ReadOnlySpan<double> v, Span<double> result)
    {
        network.Backward(forward, points, v, gradients: true);
        correction?.Invoke(v, forward);
        network.Tangent(forward, points, forward, tangents);
        tangents.Output.AsSpan(0, Length).CopyTo(result);
    }

    /// <summary>
    /// An estimate of lambda_max(J J^T S) (S applied to every output column; S = I when null) by Lanczos in the S inner
    /// product, in which J J^T S is self-adjoint (<see cref="KrylovEstimate"/>): at most <paramref name="iterations"/>
    /// products, stopping when the largest Ritz value changes by less than <paramref name="tolerance"/> and its residual
    /// is below <paramref name="tolerance"/> times it (so a cluster of c nearly equal top eigenvalues is resolved); it
    /// approaches lambda_max from below. With a correction (mini-batch PGD's batch operator, not self-adjoint at finite
    /// width) the estimate is the largest real part of the Ritz values.
    /// </summary>
    public double LargestEigenvalue(Preconditioner? preconditioner, int seed, int iterations = KrylovEstimate.DefaultIterations, double tolerance = 1e-3)
    {
        var n = points.RowCount;
        var c = network.OutputCount;
        KrylovEstimate.Metric? metric = preconditioner is null ? null : (v, result) => ApplyS(preconditioner, v, result, n, c);
        return KrylovEstimate.Largest(Length, (_, sv, result) => Apply(sv, result), metric, seed, iterations, tolerance);   // M q = J J^T (S q)
    }

    private static void ApplyS(Preconditioner? preconditioner, ReadOnlySpan<double> v, Span<double> result, int n, int c)
    {
        if (preconditioner is null)
        {
            v.CopyTo(result);
            return;
        }

        for (var a = 0; a < c; a++)
        {
            preconditioner.Apply(v.Slice(a * n, n), result.Slice(a * n, n));
        }
    }
}
