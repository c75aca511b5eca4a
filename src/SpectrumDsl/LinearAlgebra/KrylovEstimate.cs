using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// The largest eigenvalue of an operator M by Arnoldi's method in the inner product &lt;u, v&gt;_G = u . (G v): for M
/// self-adjoint in it this is Lanczos with full reorthogonalisation, whose Ritz value approaches lambda_max from below
/// with an error shrinking like a Chebyshev polynomial of the gap (far fewer products than power iteration, whose error
/// shrinks like a power of lambda_2 / lambda_1). For a non-self-adjoint M the estimate is the largest real part of the
/// Ritz values.
/// </summary>
internal static class KrylovEstimate
{
    /// <summary>result = M v, given v and G v (G v = v without a metric).</summary>
    public delegate void Operator(double[] v, double[] metricV, double[] result);

    /// <summary>result = G v.</summary>
    public delegate void Metric(double[] v, double[] result);

    /// <summary>The product budget callers use unless they have a reason for another.</summary>
    public const int DefaultIterations = 60;

    /// <summary>
    /// At most <paramref name="iterations"/> products (and the dimension), from a seeded random start, stopping when the
    /// Krylov space is invariant or when the largest Ritz value both changed by less than <paramref name="tolerance"/>
    /// and has a residual ||M y - theta y|| below <paramref name="tolerance"/> theta (both relative).
    /// </summary>
    /// <remarks>
    /// The change alone stalls on a cluster of nearly equal top eigenvalues (c outputs of one network give c of them):
    /// the Ritz vector is then a mixture whose Ritz value hardly moves for several products while it still lies a few
    /// percent below lambda_max. A mixture has a residual of the order of the cluster's spread; for a self-adjoint M
    /// a residual r puts theta within r of an eigenvalue, so the residual test keeps going until one is resolved.
    /// </remarks>
    public static double Largest(int length, Operator apply, Metric? metric, int seed, int iterations, double tolerance)
    {
        var steps = Math.Min(iterations, length);
        var basis = new double[steps + 1][];
        var metricBasis = new double[steps + 1][];
        var h = new double[steps + 1, steps];
        var random = new Random(seed);
        var first = new double[length];
        for (var i = 0; i < first.Length; i++)
        {
            first[i] = random.NextDouble() - 0.5;
        }

        if (Normalise(metric, first, out basis[0], out metricBasis[0]) == 0)
        {
            return 0.0;
        }

        var estimate = 0.0;
        for (var j = 0; j < steps; j++)
        {
            var w = new double[length];
            apply(basis[j], metricBasis[j], w);
            // Gram-Schmidt in the G inner product, twice ("twice is enough") to keep the basis orthonormal.
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i <= j; i++)
                {
                    var projection = FastLinearAlgebra.Dot(metricBasis[i], w);
                    h[i, j] += projection;
                    FastLinearAlgebra.Axpy(-projection, basis[i], w);
                }
            }

            h[j + 1, j] = Normalise(metric, w, out basis[j + 1], out metricBasis[j + 1]);
            var (ritz, lastComponent) = LargestRitzPair(h, j + 1);
            var converged = Math.Abs(ritz - estimate) <= tolerance * Math.Abs(ritz)
                && h[j + 1, j] * lastComponent <= tolerance * Math.Abs(ritz);
            estimate = ritz;
            if (converged || h[j + 1, j] == 0)
            {
                break;                                         // converged, or the space is invariant: the Ritz value is exact
            }
        }

        return estimate;
    }

    // q = v / ||v||_G (in place) and G q; returns ||v||_G, or 0 when v vanishes in that norm.
    private static double Normalise(Metric? metric, double[] v, out double[] q, out double[] gq)
    {
        gq = metric is null ? v : new double[v.Length];
        metric?.Invoke(v, gq);
        var squared = FastLinearAlgebra.Dot(v, gq);
        q = v;
        if (!(squared > 1e-300))
        {
            return 0.0;
        }

        var norm = Math.Sqrt(squared);
        FastLinearAlgebra.Scale(q, 1.0 / norm);
        if (!ReferenceEquals(gq, q))
        {
            FastLinearAlgebra.Scale(gq, 1.0 / norm);
        }

        return norm;
    }

    // The largest real part of the eigenvalues of the leading m x m block of the Hessenberg matrix H, and |y_m| / ||y|| of
    // its eigenvector y (the residual of the Ritz pair is h_(m+1,m) times that). A complex pair's vector is spread over
    // two of the real solver's columns; its residual is not needed there (0: the change test alone decides).
    private static (double Value, double LastComponent) LargestRitzPair(double[,] h, int m)
    {
        var block = Matrix<double>.Build.Dense(m, m, (i, j) => h[i, j]);
        var evd = block.Evd(Symmetricity.Asymmetric);
        var values = evd.EigenValues;
        var best = 0;
        for (var i = 1; i < m; i++)
        {
            if (values[i].Real > values[best].Real)
            {
                best = i;
            }
        }

        if (values[best].Imaginary != 0)
        {
            return (values[best].Real, 0.0);
        }

        var vector = evd.EigenVectors.Column(best);
        var norm = vector.L2Norm();
        return (values[best].Real, norm > 0 ? Math.Abs(vector[m - 1]) / norm : 0.0);
    }
}
