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
    /// An estimate of lambda_max(J J^T S) (S applied to every output column; S = I when null) by Arnoldi's method in
    /// the S inner product, in which J J^T S is self-adjoint (so Arnoldi is Lanczos with full reorthogonalisation):
    /// at most <paramref name="iterations"/> products, stopping when the largest Ritz value changes by less than
    /// <paramref name="tolerance"/> (relative). The Ritz value approaches lambda_max from below, in far fewer products
    /// than power iteration needs (its error shrinks like a Chebyshev polynomial of the gap, not a power of the
    /// eigenvalue ratio). With a correction (mini-batch PGD's batch operator, not self-adjoint at finite width) the
    /// estimate is the largest real part of the Ritz values.
    /// </summary>
    public double LargestEigenvalue(Preconditioner? preconditioner, int seed, int iterations = 30, double tolerance = 1e-3)
    {
        var n = points.RowCount;
        var c = network.OutputCount;
        var steps = Math.Min(iterations, Length);
        var basis = new double[steps + 1][];
        var sBasis = new double[steps + 1][];
        var h = new double[steps + 1, steps];
        var random = new Random(seed);
        var first = new double[Length];
        for (var i = 0; i < first.Length; i++)
        {
            first[i] = random.NextDouble() - 0.5;
        }

        if (Normalise(preconditioner, first, out basis[0], out sBasis[0], n, c) == 0)
        {
            return 0.0;
        }

        var estimate = 0.0;
        for (var j = 0; j < steps; j++)
        {
            var w = new double[Length];
            Apply(sBasis[j], w);                               // M q_j with M = J J^T S
            // Gram-Schmidt in the S inner product, twice ("twice is enough") to keep the basis orthonormal.
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i <= j; i++)
                {
                    var projection = FastLinearAlgebra.Dot(sBasis[i], w);
                    h[i, j] += projection;
                    FastLinearAlgebra.Axpy(-projection, basis[i], w);
                }
            }

            var ritz = LargestRitzValue(h, j + 1);
            var converged = Math.Abs(ritz - estimate) <= tolerance * Math.Abs(ritz);
            estimate = ritz;
            h[j + 1, j] = Normalise(preconditioner, w, out basis[j + 1], out sBasis[j + 1], n, c);
            if (converged || h[j + 1, j] == 0)
            {
                break;                                         // converged, or the space is invariant: the Ritz value is exact
            }
        }

        return estimate;
    }

    // q = v / ||v||_S (in place) and S q; returns ||v||_S, or 0 when v vanishes in the S norm.
    private static double Normalise(Preconditioner? preconditioner, double[] v, out double[] q, out double[] sq, int n, int c)
    {
        sq = new double[v.Length];
        ApplyS(preconditioner, v, sq, n, c);
        var squared = FastLinearAlgebra.Dot(v, sq);
        q = v;
        if (!(squared > 1e-300))
        {
            return 0.0;
        }

        var norm = Math.Sqrt(squared);
        FastLinearAlgebra.Scale(q, 1.0 / norm);
        FastLinearAlgebra.Scale(sq, 1.0 / norm);
        return norm;
    }

    // The largest real part of the eigenvalues of the leading m x m block of the Hessenberg matrix H.
    private static double LargestRitzValue(double[,] h, int m)
    {
        var block = Matrix<double>.Build.Dense(m, m, (i, j) => h[i, j]);
        return block.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Asymmetric).EigenValues.Max(value => value.Real);
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
