using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.Data;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Spectra;

/// <summary>
/// Top-k eigenpairs of a symmetric matrix by block Lanczos with full reorthogonalisation
/// (a block Krylov method: Golub and Underwood 1977; Musco and Musco 2015 for the randomised
/// analysis). Every step is one n x n by n x b product (the packed GEMM) plus O(n m b) of
/// reorthogonalisation against the m basis vectors so far; Rayleigh-Ritz on the m x m projection.
/// </summary>
/// <remarks>
/// <para>
/// Unlike subspace iteration (rate delta_(b+1) / delta_k per product), the Krylov space keeps
/// every product, so a whole cluster of nearly equal eigenvalues (the degenerate spherical
/// harmonics of an NTK Gram) is captured once the space is larger than the cluster; the rate then
/// depends on the gap between the cluster and the rest of the spectrum, not on the spacing inside it.
/// </para>
/// <para>
/// Stopping rule (eigenvalue accuracy, not residual size): for a Ritz pair (theta_i, u_i) with
/// residual r_i = ||A u_i - theta_i u_i||, some eigenvalue lies within r_i of theta_i (Bauer-Fike
/// for symmetric matrices), and when the rest of the spectrum is at least gap_i away it is the
/// matching one and |delta_i - theta_i| &lt;= r_i^2 / gap_i (Kato-Temple). The iteration stops when
/// min(r_i, r_i^2 / gap_i) &lt;= 1e-10 theta_i for all i &lt;= k, with gap_i estimated from the
/// neighbouring Ritz values (including theta_(k+1), ...): 100x margin on the 1e-8 relative
/// contract for the estimate. r_i comes from the Lanczos relation A Q_m = Q_m T_m + Q_(m+1) B_m E_m^T
/// as ||B_m s_i(last block)|| (no extra product); exact residuals are available afterwards from
/// <see cref="EigenDecomposition.Residuals"/>. Where k cuts a cluster the Kato-Temple gap is tiny
/// and the r_i &lt;= 1e-10 theta_i branch decides: still correct, just more steps.
/// </para>
/// </remarks>
internal static unsafe class BlockLanczos
{
    internal const double Tolerance = 1e-10;

    /// <summary>Runs block Lanczos; <paramref name="steps"/> reports the number of block products with A.</summary>
    public static EigenDecomposition Top(Matrix<double> a, int count, out int steps, int blockSize = 0, int seed = 20240731)
    {
        var n = a.RowCount;
        var b = blockSize > 0 ? blockSize : DefaultBlockSize(count);
        b = Math.Min(b, n);
        // Room for the Krylov basis: enough for k plus a cluster's worth, bounded by n and by memory.
        var maxBasis = (int)Math.Min(n, Math.Max(8L * count + 4L * b, 2000L));
        maxBasis = Math.Max(maxBasis / b * b, b);
        var av = a.AsColumnMajorArray() ?? a.ToColumnMajorArray();
        var q = new double[(long)n * (maxBasis + b) > int.MaxValue ? throw new OutOfMemoryException("Krylov basis too large") : n * (maxBasis + b)];
        var w = new double[n * b];
        var tmp = new double[n * b];
        var coefficients = new double[(maxBasis + b) * b];
        var h = new double[(maxBasis + b) * b];
        var r = new double[b * b];
        var t = new double[(maxBasis + b) * (maxBasis + b)];   // T, column-major with leading dimension maxBasis + b
        var ldt = maxBasis + b;

        var sampler = new GaussianSampler(seed);
        sampler.Fill(q.AsSpan(0, n * b));
        OrthonormaliseBlock(q, 0, 0, b, n, r, sampler);

        double[] ritzValues = [];
        double[,]? ritzVectors = null;   // m x count
        var m = 0;
        var lastCheck = 0;
        var converged = false;
        steps = 0;
        fixed (double* pa = av)
        fixed (double* pq = q)
        fixed (double* pw = w)
        fixed (double* ptmp = tmp)
        fixed (double* pcoef = coefficients)
        {
            var opA = new StridedOperand(pa, 1, n);
            while (true)
            {
                var j0 = m;            // first column of the current block Q_j
                m += b;
                steps++;
                // W = A Q_j
                GemmEngine.Run(n, b, n, opA, new StridedOperand(pq + (long)j0 * n, 1, n), pw, n, lowerOnly: false);
                // Full reorthogonalisation, twice ("twice is enough"): H = Q^T W, W -= Q H.
                Array.Clear(h, 0, m * b);
                for (var pass = 0; pass < 2; pass++)
                {
                    GemmEngine.Run(m, b, n, new StridedOperand(pq, n, 1), new StridedOperand(pw, 1, n), pcoef, m, lowerOnly: false);
                    for (var i = 0; i < m * b; i++)
                    {
                        h[i] += coefficients[i];
                    }

                    GemmEngine.Run(n, b, m, new StridedOperand(pq, 1, n), new StridedOperand(pcoef, 1, m), ptmp, n, lowerOnly: false);
                    Subtract(pw, ptmp, n * b);
                }

                // Column block j of T: rows 0..m from H.
                for (var c = 0; c < b; c++)
                {
                    for (var i = 0; i < m; i++)
                    {
                        t[(j0 + c) * ldt + i] = h[c * m + i];
                    }
                }

                // Q_(j+1) R = W; R is the subdiagonal block of T.
                Array.Copy(w, 0, q, (long)m * n, n * b);
                OrthonormaliseBlock(q, m, m, b, n, r, sampler);
                for (var c = 0; c < b; c++)
                {
                    for (var i = 0; i < b; i++)
                    {
                        t[(j0 + c) * ldt + m + i] = r[c * b + i];
                    }
                }

                // The next step needs columns [m + b, m + 2b) of the basis.
                var full = m + b > Math.Min(maxBasis, n);
                // Rayleigh-Ritz costs O(m^3): every step while the basis is small, then after 25 % growth.
                var due = (full && m > count) || (m >= count + b && (m <= 160 || m >= lastCheck * 1.25));
                if (!due)
                {
                    continue;
                }

                lastCheck = m;
                var (values, vectors, residuals) = RayleighRitz(t, ldt, m, b, count);
                ritzValues = values;
                ritzVectors = vectors;
                converged = Converged(values, residuals, count);
                if (converged || full || m >= n)
                {
                    break;
                }
            }
        }

        // Ritz vectors U = Q_m S_k.
        var s = new double[m * count];
        for (var c = 0; c < count; c++)
        {
            for (var i = 0; i < m; i++)
            {
                s[c * m + i] = ritzVectors![i, c];
            }
        }

        var u = new double[n * count];
        fixed (double* pq = q)
        fixed (double* ps = s)
        fixed (double* pu = u)
        {
            GemmEngine.Run(n, count, m, new StridedOperand(pq, 1, n), new StridedOperand(ps, 1, m), pu, n, lowerOnly: false);
        }

        var next = ritzValues.Length > count ? ritzValues[count] : double.NaN;
        return new EigenDecomposition(a, ritzValues[..count], new DenseMatrix(n, count, u))
        {
            NextValue = next,
            Converged = converged,
            Iterations = steps,
        };
    }

    /// <summary>Block size: about half of k (at least 8, at most 64), so the Krylov space grows past a cluster in a few products.</summary>
    internal static int DefaultBlockSize(int count) => Math.Clamp((count + 1) / 2 + 4, 8, 64);

    private static (double[] Values, double[,] Vectors, double[] Residuals) RayleighRitz(double[] t, int ldt, int m, int b, int count)
    {
        var projected = new DenseMatrix(m, m);
        var pv = projected.Values;
        for (var c = 0; c < m; c++)
        {
            for (var i = 0; i < m; i++)
            {
                pv[c * m + i] = 0.5 * (t[c * ldt + i] + t[i * ldt + c]);
            }
        }

        // T is block tridiagonal; entries below the subdiagonal block are zero by construction,
        // and those above it are reorthogonalisation round-off, symmetrised away.
        var (values, vectors) = SymmetricEigen.Decompose(projected);
        var order = Enumerable.Range(0, m).OrderByDescending(i => values[i]).ToArray();
        var sorted = order.Select(i => values[i]).ToArray();
        var keep = Math.Min(m, count);
        var result = new double[m, keep];
        var vv = vectors.AsColumnMajorArray() ?? vectors.ToColumnMajorArray();
        for (var c = 0; c < keep; c++)
        {
            var src = order[c];
            for (var i = 0; i < m; i++)
            {
                result[i, c] = vv[src * m + i];
            }
        }

        // r_i = || B s_i(last block) ||, B = the subdiagonal block below column block m/b - 1.
        var residuals = new double[keep];
        var last = m - b;
        for (var c = 0; c < keep; c++)
        {
            var sum = 0.0;
            for (var i = 0; i < b; i++)
            {
                var entry = 0.0;
                for (var p = 0; p < b; p++)
                {
                    entry += t[(last + p) * ldt + m + i] * result[last + p, c];
                }

                sum += entry * entry;
            }

            residuals[c] = Math.Sqrt(sum);
        }

        return (sorted, result, residuals);
    }

    internal static bool Converged(double[] values, double[] residuals, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var gap = double.PositiveInfinity;
            if (i > 0)
            {
                gap = values[i - 1] - values[i];
            }

            if (i + 1 < values.Length)
            {
                gap = Math.Min(gap, values[i] - values[i + 1]);
            }

            var r = residuals[i];
            var bound = Math.Min(r, gap > 0 ? r * r / gap : double.PositiveInfinity);
            if (!(bound <= Tolerance * Math.Abs(values[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static void Subtract(double* w, double* x, int length) =>
        FastLinearAlgebra.Axpy(-1.0, new ReadOnlySpan<double>(x, length), new Span<double>(w, length));

    /// <summary>
    /// Orthonormalises columns [start, start + b) of <paramref name="q"/> against the first <paramref name="basis"/>
    /// columns (already orthonormal; the block itself was orthogonalised against them by the caller, this only
    /// repairs round-off) and among themselves (modified Gram-Schmidt, twice). Writes the b x b upper-triangular
    /// R with W = Q_new R into <paramref name="r"/>. A column that vanishes (the Krylov space became invariant) is
    /// replaced by a fresh random direction with a zero R column.
    /// </summary>
    private static void OrthonormaliseBlock(double[] q, int start, int basis, int b, int n, double[] r, GaussianSampler sampler)
    {
        Array.Clear(r);
        for (var c = 0; c < b; c++)
        {
            var column = q.AsSpan((start + c) * n, n);
            var original = Math.Sqrt(FastLinearAlgebra.Dot(column, column));
            for (var pass = 0; pass < 2; pass++)
            {
                for (var p = 0; p < c; p++)
                {
                    var previous = q.AsSpan((start + p) * n, n);
                    var coefficient = FastLinearAlgebra.Dot(previous, column);
                    r[c * b + p] += coefficient;
                    Axpy(-coefficient, previous, column);
                }
            }

            var norm = Math.Sqrt(FastLinearAlgebra.Dot(column, column));
            if (norm > 1e-10 * Math.Max(original, double.Epsilon) && norm > 0)
            {
                r[c * b + c] = norm;
                Scale(column, 1 / norm);
                continue;
            }

            // Deflation: the new direction is (numerically) in the span already found.
            for (var p = 0; p < b; p++)
            {
                r[c * b + p] = 0;
            }

            for (var attempt = 0; attempt < 5; attempt++)
            {
                sampler.Fill(column);
                for (var pass = 0; pass < 2; pass++)
                {
                    for (var p = 0; p < start + c; p++)
                    {
                        var previous = q.AsSpan(p * n, n);
                        Axpy(-FastLinearAlgebra.Dot(previous, column), previous, column);
                    }
                }

                norm = Math.Sqrt(FastLinearAlgebra.Dot(column, column));
                if (norm > 1e-3)
                {
                    Scale(column, 1 / norm);
                    break;
                }
            }
        }
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y) => FastLinearAlgebra.Axpy(alpha, x, y);

    private static void Scale(Span<double> x, double factor) => FastLinearAlgebra.Scale(x, factor);
}
