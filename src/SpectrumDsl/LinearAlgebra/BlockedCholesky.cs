using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// In-place Cholesky factorisation A = L L^T of a dense symmetric positive definite matrix, left-looking
/// by blocks of columns so that almost all of its n^3 / 3 multiply-adds are one packed GEMM per block
/// (<see cref="GemmEngine"/>), and the solves with L that use it.
/// </summary>
/// <remarks>
/// MathNet's managed Cholesky is unblocked scalar code, far from the packed GEMM's rate.
/// Left-looking keeps the temporary to one block column (n x <see cref="BlockSize"/>) instead of a
/// trailing update of the whole remaining matrix. The GEMM sums in an order that does not depend on the
/// thread count, so the factor is bit-identical between runs.
/// </remarks>
internal static unsafe class BlockedCholesky
{
    /// <summary>Columns per block: large enough for the GEMM to run near its peak, small enough that the
    /// panel's column-by-column triangular solve (n b / 2 multiply-adds per column block) stays minor.</summary>
    internal const int BlockSize = 128;

    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> (dense, square) with L; the strict upper triangle
    /// of each diagonal block holds intermediate values afterwards (only the lower triangle is read). Returns false, with <paramref name="failedColumn"/> set, when a pivot is not positive
    /// (the matrix is not positive definite to working precision).
    /// </summary>
    public static bool TryFactor(Matrix<double> a, out int failedColumn)
    {
        var n = a.RowCount;
        var data = a.AsColumnMajorArray() ?? throw new ArgumentException("The matrix must be dense.", nameof(a));
        var update = new double[(long)n * Math.Min(BlockSize, n)];
        fixed (double* l = data)
        fixed (double* u = update)
        {
            for (var j0 = 0; j0 < n; j0 += BlockSize)
            {
                var jb = Math.Min(BlockSize, n - j0);
                var rows = n - j0;
                if (j0 > 0)
                {
                    // update (rows x jb) = L[j0:n, 0:j0] * L[j0:j0+jb, 0:j0]^T, then subtracted from the block column.
                    GemmEngine.Run(rows, jb, j0, new StridedOperand(l + j0, 1, n), new StridedOperand(l + j0, n, 1), u, rows, lowerOnly: false);
                    for (var c = 0; c < jb; c++)
                    {
                        var column = new Span<double>(l + (long)(j0 + c) * n + j0, rows);
                        FastLinearAlgebra.Axpy(-1.0, new ReadOnlySpan<double>(u + (long)c * rows, rows), column);
                    }
                }

                // Column by column inside the block: the diagonal entry, then the rows below it (the
                // rest of the diagonal block and the whole panel) in one axpy per earlier column.
                for (var c = 0; c < jb; c++)
                {
                    var col = j0 + c;
                    var below = new Span<double>(l + (long)col * n + col, n - col);
                    for (var p = j0; p < col; p++)
                    {
                        FastLinearAlgebra.Axpy(-l[(long)p * n + col], new ReadOnlySpan<double>(l + (long)p * n + col, n - col), below);
                    }

                    var pivot = below[0];
                    if (!(pivot > 0) || !double.IsFinite(pivot))
                    {
                        failedColumn = col;
                        return false;
                    }

                    FastLinearAlgebra.Scale(below, 1 / Math.Sqrt(pivot));
                }
            }
        }

        failedColumn = -1;
        return true;
    }

    /// <summary>Solves L L^T X = B for every column of <paramref name="b"/> with the factor from <see cref="TryFactor"/>.</summary>
    public static Matrix<double> Solve(Matrix<double> factor, Matrix<double> b)
    {
        var n = factor.RowCount;
        var l = factor.AsColumnMajorArray() ?? throw new ArgumentException("The factor must be dense.", nameof(factor));
        var x = Matrix<double>.Build.DenseOfMatrix(b);
        var xd = x.AsColumnMajorArray()!;
        for (var r = 0; r < x.ColumnCount; r++)
        {
            var v = xd.AsSpan(r * n, n);
            // L y = b: column-oriented forward substitution.
            for (var j = 0; j < n; j++)
            {
                v[j] /= l[(long)j * n + j];
                FastLinearAlgebra.Axpy(-v[j], l.AsSpan(j * n + j + 1, n - j - 1), v[(j + 1)..]);
            }

            // L^T x = y: each unknown from the dot product with the column below the diagonal.
            for (var j = n - 1; j >= 0; j--)
            {
                v[j] = (v[j] - FastLinearAlgebra.Dot(l.AsSpan(j * n + j + 1, n - j - 1), v[(j + 1)..])) / l[(long)j * n + j];
            }
        }

        return x;
    }
}
