using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

// The micro-kernels: one MR x NR tile of C from a packed A panel (MR rows per k) and a packed B panel (NR columns
// per k), accumulating in registers over the depth block, each element as one fused multiply-add chain in k order.
internal static unsafe partial class GemmEngine
{
    /// <summary>Room for the largest tile (<see cref="GemmTile.Wide"/>): the scalar kernel's accumulators and the edge tiles.</summary>
    private const int MaxTileSize = 24 * 8;

    /// <summary>C[0:MR, 0:NR] (=, or += when <paramref name="accumulate"/>) the packed A panel times the packed B panel, at <paramref name="width"/>'s tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MicroKernel(VectorWidth width, in GemmTile tile, int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        switch (width)
        {
            case VectorWidth.Vector512:
                Kernel512(kc, a, b, c, ldc, accumulate);
                break;
            case VectorWidth.Vector256:
                Kernel256(kc, a, b, c, ldc, accumulate);
                break;
            default:
                KernelScalar(tile, kc, a, b, c, ldc, accumulate);
                break;
        }
    }

    /// <summary>24 x 8 tile (<see cref="GemmTile.Wide"/>): 24 zmm accumulators, 3 A loads and 8 broadcasts per k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        Vector512<double> c00 = default, c10 = default, c20 = default;
        Vector512<double> c01 = default, c11 = default, c21 = default;
        Vector512<double> c02 = default, c12 = default, c22 = default;
        Vector512<double> c03 = default, c13 = default, c23 = default;
        Vector512<double> c04 = default, c14 = default, c24 = default;
        Vector512<double> c05 = default, c15 = default, c25 = default;
        Vector512<double> c06 = default, c16 = default, c26 = default;
        Vector512<double> c07 = default, c17 = default, c27 = default;

        for (int p = 0; p < kc; p++)
        {
            Vector512<double> a0 = Vector512.Load(a);
            Vector512<double> a1 = Vector512.Load(a + 8);
            Vector512<double> a2 = Vector512.Load(a + 16);
            Vector512<double> bb;

            bb = Vector512.Create(b[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, bb, c00); c10 = Vector512.FusedMultiplyAdd(a1, bb, c10); c20 = Vector512.FusedMultiplyAdd(a2, bb, c20);
            bb = Vector512.Create(b[1]);
            c01 = Vector512.FusedMultiplyAdd(a0, bb, c01); c11 = Vector512.FusedMultiplyAdd(a1, bb, c11); c21 = Vector512.FusedMultiplyAdd(a2, bb, c21);
            bb = Vector512.Create(b[2]);
            c02 = Vector512.FusedMultiplyAdd(a0, bb, c02); c12 = Vector512.FusedMultiplyAdd(a1, bb, c12); c22 = Vector512.FusedMultiplyAdd(a2, bb, c22);
            bb = Vector512.Create(b[3]);
            c03 = Vector512.FusedMultiplyAdd(a0, bb, c03); c13 = Vector512.FusedMultiplyAdd(a1, bb, c13); c23 = Vector512.FusedMultiplyAdd(a2, bb, c23);
            bb = Vector512.Create(b[4]);
            c04 = Vector512.FusedMultiplyAdd(a0, bb, c04); c14 = Vector512.FusedMultiplyAdd(a1, bb, c14); c24 = Vector512.FusedMultiplyAdd(a2, bb, c24);
            bb = Vector512.Create(b[5]);
            c05 = Vector512.FusedMultiplyAdd(a0, bb, c05); c15 = Vector512.FusedMultiplyAdd(a1, bb, c15); c25 = Vector512.FusedMultiplyAdd(a2, bb, c25);
            bb = Vector512.Create(b[6]);
            c06 = Vector512.FusedMultiplyAdd(a0, bb, c06); c16 = Vector512.FusedMultiplyAdd(a1, bb, c16); c26 = Vector512.FusedMultiplyAdd(a2, bb, c26);
            bb = Vector512.Create(b[7]);
            c07 = Vector512.FusedMultiplyAdd(a0, bb, c07); c17 = Vector512.FusedMultiplyAdd(a1, bb, c17); c27 = Vector512.FusedMultiplyAdd(a2, bb, c27);

            a += 24;
            b += 8;
        }

        Store512(c, c00, c10, c20, accumulate); c += ldc;
        Store512(c, c01, c11, c21, accumulate); c += ldc;
        Store512(c, c02, c12, c22, accumulate); c += ldc;
        Store512(c, c03, c13, c23, accumulate); c += ldc;
        Store512(c, c04, c14, c24, accumulate); c += ldc;
        Store512(c, c05, c15, c25, accumulate); c += ldc;
        Store512(c, c06, c16, c26, accumulate); c += ldc;
        Store512(c, c07, c17, c27, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(double* c, Vector512<double> v0, Vector512<double> v1, Vector512<double> v2, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector512.Load(c);
            v1 += Vector512.Load(c + 8);
            v2 += Vector512.Load(c + 16);
        }

        Vector512.Store(v0, c);
        Vector512.Store(v1, c + 8);
        Vector512.Store(v2, c + 16);
    }

    /// <summary>8 x 6 tile (<see cref="GemmTile.Avx2"/>): 12 ymm accumulators, 2 A loads and 6 broadcasts per k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        Vector256<double> c00 = default, c10 = default, c01 = default, c11 = default, c02 = default, c12 = default;
        Vector256<double> c03 = default, c13 = default, c04 = default, c14 = default, c05 = default, c15 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<double> a0 = Vector256.Load(a);
            Vector256<double> a1 = Vector256.Load(a + 4);
            Vector256<double> bb = Vector256.Create(b[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, bb, c00); c10 = Vector256.FusedMultiplyAdd(a1, bb, c10);
            bb = Vector256.Create(b[1]);
            c01 = Vector256.FusedMultiplyAdd(a0, bb, c01); c11 = Vector256.FusedMultiplyAdd(a1, bb, c11);
            bb = Vector256.Create(b[2]);
            c02 = Vector256.FusedMultiplyAdd(a0, bb, c02); c12 = Vector256.FusedMultiplyAdd(a1, bb, c12);
            bb = Vector256.Create(b[3]);
            c03 = Vector256.FusedMultiplyAdd(a0, bb, c03); c13 = Vector256.FusedMultiplyAdd(a1, bb, c13);
            bb = Vector256.Create(b[4]);
            c04 = Vector256.FusedMultiplyAdd(a0, bb, c04); c14 = Vector256.FusedMultiplyAdd(a1, bb, c14);
            bb = Vector256.Create(b[5]);
            c05 = Vector256.FusedMultiplyAdd(a0, bb, c05); c15 = Vector256.FusedMultiplyAdd(a1, bb, c15);
            a += 8;
            b += 6;
        }

        Store256(c, c00, c10, accumulate); c += ldc;
        Store256(c, c01, c11, accumulate); c += ldc;
        Store256(c, c02, c12, accumulate); c += ldc;
        Store256(c, c03, c13, accumulate); c += ldc;
        Store256(c, c04, c14, accumulate); c += ldc;
        Store256(c, c05, c15, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(double* c, Vector256<double> v0, Vector256<double> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + 4);
        }

        Vector256.Store(v0, c);
        Vector256.Store(v1, c + 4);
    }

    /// <summary>Plain loops for any tile (multiply, then add: no fused multiply-add).</summary>
    private static void KernelScalar(in GemmTile tile, int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        int rows = tile.MR, cols = tile.NR;
        double* acc = stackalloc double[MaxTileSize];
        new Span<double>(acc, rows * cols).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int j = 0; j < cols; j++)
            {
                double bj = b[j];
                double* col = acc + j * rows;
                for (int i = 0; i < rows; i++)
                {
                    col[i] += a[i] * bj;
                }
            }

            a += rows;
            b += cols;
        }

        for (int j = 0; j < cols; j++)
        {
            double* dst = c + (long)j * ldc;
            double* src = acc + j * rows;
            for (int i = 0; i < rows; i++)
            {
                dst[i] = accumulate ? dst[i] + src[i] : src[i];
            }
        }
    }
}
