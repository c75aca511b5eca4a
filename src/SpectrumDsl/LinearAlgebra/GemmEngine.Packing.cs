using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpectrumDsl.LinearAlgebra;

// Packing: copies of operand blocks into the layout the micro-kernel streams. Exact copies, so how a panel is
// copied (vector, transposed, scalar) never changes a result.
internal static unsafe partial class GemmEngine
{
    /// <summary>Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels: panel p holds, for each k, MR consecutive rows (zero padded).</summary>
    private static void PackA(in GemmTile tile, StridedOperand a, int ic, int mc, int pc, int kc, double* dst)
    {
        for (int ir = 0; ir < mc; ir += tile.MR)
        {
            double* source = a.Ptr + (long)(ic + ir) * a.RowStride + (long)pc * a.ColStride;
            PackPanel(source, a.RowStride, a.ColStride, Math.Min(tile.MR, mc - ir), tile.MR, kc, dst + (long)ir * kc);
        }
    }

    /// <summary>Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels: panel q holds, for each k, NR consecutive columns (zero padded).</summary>
    private static void PackB(in GemmTile tile, StridedOperand b, int pc, int kc, int jc, int nc, double* dst)
    {
        for (int jr = 0; jr < nc; jr += tile.NR)
        {
            double* source = b.Ptr + (long)pc * b.RowStride + (long)(jc + jr) * b.ColStride;
            PackPanel(source, b.ColStride, b.RowStride, Math.Min(tile.NR, nc - jr), tile.NR, kc, dst + (long)jr * kc);
        }
    }

    /// <summary>
    /// dst[p * width + r] = src[r * lineStride + p * depthStride] for r below <paramref name="lines"/>, 0 for the
    /// padding lines up to <paramref name="width"/>, p below <paramref name="kc"/>: one panel of either operand.
    /// </summary>
    private static void PackPanel(double* src, long lineStride, long depthStride, int lines, int width, int kc, double* dst)
    {
        int r = 0;
        if (lineStride == 1)
        {
            // The panel's lines are contiguous at each depth (A not transposed, B transposed): row copies.
            for (int p = 0; p < kc; p++)
            {
                CopyLine(src + p * depthStride, dst + (long)p * width, lines);
            }

            r = lines;
        }
        else if (depthStride == 1 && Avx.IsSupported)
        {
            // Each line is contiguous in depth (A transposed, B not): 4 x 4 blocks transposed in registers.
            for (; r + 4 <= lines; r += 4)
            {
                TransposeLines(src + r * lineStride, lineStride, kc, dst + r, width);
            }
        }

        for (; r < lines; r++)
        {
            double* line = src + r * lineStride;
            for (int p = 0; p < kc; p++)
            {
                dst[(long)p * width + r] = line[p * depthStride];
            }
        }

        for (; r < width; r++)
        {
            for (int p = 0; p < kc; p++)
            {
                dst[(long)p * width + r] = 0;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyLine(double* src, double* dst, int count)
    {
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            Vector256.Store(Vector256.Load(src + i), dst + i);
        }

        for (; i < count; i++)
        {
            dst[i] = src[i];
        }
    }

    /// <summary>Four lines contiguous in depth (line stride <paramref name="lineStride"/>) into panel columns r .. r + 3 (row length <paramref name="width"/>).</summary>
    private static void TransposeLines(double* src, long lineStride, int kc, double* dst, int width)
    {
        double* l0 = src, l1 = src + lineStride, l2 = src + 2 * lineStride, l3 = src + 3 * lineStride;
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            Vector256<double> r0 = Avx.LoadVector256(l0 + p), r1 = Avx.LoadVector256(l1 + p);
            Vector256<double> r2 = Avx.LoadVector256(l2 + p), r3 = Avx.LoadVector256(l3 + p);
            Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            double* d = dst + (long)p * width;
            Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
            Avx.Store(d + width, Avx.Permute2x128(t1, t3, 0x20));
            Avx.Store(d + 2 * width, Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(d + 3 * width, Avx.Permute2x128(t1, t3, 0x31));
        }

        for (; p < kc; p++)
        {
            double* d = dst + (long)p * width;
            d[0] = l0[p];
            d[1] = l1[p];
            d[2] = l2[p];
            d[3] = l3[p];
        }
    }
}
