using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// Work the packed GEMM does on each finished tile of C while the tile is still in cache, instead of another pass
/// over the whole matrix: c_ij = scale * c_ij + shiftScale * shift_j (a layer's scaled pre-activation plus bias),
/// and, when a rectified output R is given, r_ij = max(c_ij, 0) (the ReLU layer's activation).
/// </summary>
/// <remarks>
/// The same operations as the separate passes (a product, then a sum, each rounded; max as <see cref="Math.Max(double, double)"/>,
/// so max(-0, 0) = +0 and NaN stays NaN), at every width: fused or not, the results are the same bits.
/// The default value does nothing.
/// </remarks>
internal readonly unsafe struct GemmEpilogue(double scale, double shiftScale, double* shift, double* rectified, int ldr)
{
    /// <summary>Whether the epilogue does anything (the default value does not).</summary>
    public bool IsActive => shift != null;

    /// <summary>Applies the epilogue to C[i0:i0+rows, j0:j0+cols], whose element (i0, j0) is at <paramref name="tile"/>.</summary>
    public void Apply(double* tile, int ldc, int i0, int j0, int rows, int cols)
    {
        if (!IsActive)
        {
            return;
        }

        for (int jj = 0; jj < cols; jj++)
        {
            double s = shiftScale * shift[j0 + jj];
            double* column = tile + (long)jj * ldc;
            double* output = rectified == null ? null : rectified + (long)(j0 + jj) * ldr + i0;
            int ii = 0;
            for (; ii + 4 <= rows; ii += 4)
            {
                var v = Vector256.Create(scale) * Vector256.Load(column + ii) + Vector256.Create(s);
                Vector256.Store(v, column + ii);
                if (output != null)
                {
                    Vector256.Store(Vector256.Max(v, Vector256<double>.Zero), output + ii);
                }
            }

            for (; ii < rows; ii++)
            {
                double v = scale * column[ii] + s;
                column[ii] = v;
                if (output != null)
                {
                    output[ii] = Math.Max(v, 0.0);
                }
            }
        }
    }
}
