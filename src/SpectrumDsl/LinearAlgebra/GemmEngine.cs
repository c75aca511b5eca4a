using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// A strided view of a logical matrix operand: element (i, k) lives at <c>Ptr[i * RowStride + k * ColStride]</c>.
/// A column-major m x k matrix is (1, m); its transpose viewed as k x m is (m, 1).
/// </summary>
internal readonly unsafe struct StridedOperand(double* ptr, int rowStride, int colStride)
{
    public readonly double* Ptr = ptr;
    public readonly int RowStride = rowStride;
    public readonly int ColStride = colStride;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double At(int i, int k) => Ptr[(long)i * RowStride + (long)k * ColStride];
}

/// <summary>
/// Blocked, packed double-precision GEMM (BLIS-style loop nest: NC -> KC -> MC -> NR -> MR),
/// C = op(A) * op(B) with C column-major, parallel over blocks of C.
/// Optionally computes only the tiles that touch the lower triangle (for SYRK). The micro-kernel follows
/// <see cref="LinearAlgebraControl.Width"/> and the parallelism <see cref="LinearAlgebraControl.Threads"/>.
/// </summary>
internal static unsafe class GemmEngine
{
    /// <summary>Micro-tile rows (3 x Vector512 of doubles).</summary>
    internal const int MR = 24;
    /// <summary>Micro-tile columns.</summary>
    internal const int NR = 8;
    /// <summary>Depth of one packed block (A block MC x KC lives in L2, B micro-panel KC x NR in L1).</summary>
    internal const int KC = 256;
    /// <summary>Rows of one packed A block.</summary>
    internal const int MC = 192;
    /// <summary>Columns of one packed B block.</summary>
    internal const int NC = 1536;

    /// <summary>Below this many multiply-adds a direct loop beats packing.</summary>
    internal const long SmallThreshold = 24 * 24 * 24;
    /// <summary>Below this many multiply-adds the work stays on the calling thread.</summary>
    internal const long ParallelThreshold = 96L * 96 * 96;

    [ThreadStatic] private static double[]? t_packA;
    [ThreadStatic] private static double[]? t_packB;

    private static double[] PackABuffer() => t_packA ??= GC.AllocateUninitializedArray<double>(MC * KC + 64, pinned: true);
    private static double[] PackBBuffer() => t_packB ??= GC.AllocateUninitializedArray<double>(KC * (NC + NR) + 64, pinned: true);

    /// <summary>
    /// C (m x n, column-major, leading dimension ldc) = op(A) (m x k) * op(B) (k x n).
    /// When <paramref name="lowerOnly"/> is set (m == n), only tiles that intersect the lower triangle
    /// (row >= column) are computed; the rest of C is left untouched.
    /// </summary>
    public static void Run(int m, int n, int k, StridedOperand a, StridedOperand b, double* c, int ldc, bool lowerOnly)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            for (int j = 0; j < n; j++)
            {
                int i0 = lowerOnly ? j : 0;
                new Span<double>(c + (long)j * ldc + i0, m - i0).Clear();
            }

            return;
        }

        long work = (long)m * n * k;
        if (work <= SmallThreshold)
        {
            SmallDirect(m, n, k, a, b, c, ldc, lowerOnly);
            return;
        }

        int threads = LinearAlgebraControl.Threads;
        if (work < ParallelThreshold || threads <= 1)
        {
            Block(0, m, 0, n, k, a, b, c, ldc, lowerOnly);
            return;
        }

        // Two chunks per thread so a slow core (shared machine) does not hold everyone up.
        int chunks = threads * 2;
        var job = t_job ??= new GemmJob();
        job.M = m; job.N = n; job.K = k; job.A = a; job.B = b; job.C = c; job.Ldc = ldc; job.LowerOnly = lowerOnly;
        if (lowerOnly)
        {
            // Column chunks of equal triangle area: column j costs (n - j).
            job.BoundCount = TriangleBounds(n, chunks, job.Bounds);
            WorkerPool.For(job.BoundCount - 1, job, threads);
            return;
        }

        bool splitColumns = n >= m;
        int dim = splitColumns ? n : m;
        int align = splitColumns ? NR : MR;
        int per = RoundUp(Math.Max(align, (dim + chunks - 1) / chunks), align);
        int parts = (dim + per - 1) / per;
        if (parts <= 1)
        {
            Block(0, m, 0, n, k, a, b, c, ldc, false);
            return;
        }

        job.SplitColumns = splitColumns; job.Dim = dim; job.Per = per;
        WorkerPool.For(parts, job, threads);
    }

    [ThreadStatic] private static GemmJob? t_job;

    /// <summary>The parallel part of <see cref="Run"/>: one item per column (or row) chunk of C; reused per calling thread.</summary>
    private sealed class GemmJob : ParallelJob
    {
        public int M, N, K, Ldc, Dim, Per, BoundCount;
        public StridedOperand A, B;
        public double* C;
        public bool LowerOnly, SplitColumns;
        public readonly int[] Bounds = new int[130];

        public override void Execute(int t)
        {
            if (LowerOnly)
            {
                int j0 = Bounds[t], j1 = Bounds[t + 1];
                if (j1 > j0)
                {
                    Block(j0, M, j0, j1, K, A, B, C, Ldc, true);
                }

                return;
            }

            int s0 = t * Per, s1 = Math.Min(Dim, s0 + Per);
            if (SplitColumns)
            {
                Block(0, M, s0, s1, K, A, B, C, Ldc, false);
            }
            else
            {
                Block(s0, s1, 0, N, K, A, B, C, Ldc, false);
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Splits columns 0..n into chunks with (roughly) equal lower-triangle area, aligned to NR.</summary>
    /// <remarks>Writes the chunk boundaries (0 first, n last) into <paramref name="bounds"/> and returns how many were written.</remarks>
    internal static int TriangleBounds(int n, int chunks, int[] bounds)
    {
        chunks = Math.Min(chunks, bounds.Length - 2);
        int count = 0;
        bounds[count++] = 0;
        double total = (double)n * (n + 1) / 2;
        for (int t = 1; t < chunks; t++)
        {
            // Area of columns [0, j): j*n - j(j-1)/2 = total * t / chunks  ->  solve the quadratic.
            double target = total * t / chunks;
            double j = (2.0 * n + 1 - Math.Sqrt(Math.Max(0, (2.0 * n + 1) * (2.0 * n + 1) - 8 * target))) / 2;
            int b = RoundUp((int)Math.Round(j), NR);
            if (b > bounds[count - 1] && b < n)
            {
                bounds[count++] = b;
            }
        }

        bounds[count++] = n;
        return count;
    }

    /// <summary>Direct loops for tiny products (no packing).</summary>
    private static void SmallDirect(int m, int n, int k, StridedOperand a, StridedOperand b, double* c, int ldc, bool lowerOnly)
    {
        for (int j = 0; j < n; j++)
        {
            double* cj = c + (long)j * ldc;
            int i0 = lowerOnly ? j : 0;
            for (int i = i0; i < m; i++)
            {
                cj[i] = 0;
            }

            for (int p = 0; p < k; p++)
            {
                double bpj = b.At(p, j);
                for (int i = i0; i < m; i++)
                {
                    cj[i] += a.At(i, p) * bpj;
                }
            }
        }
    }

    /// <summary>Computes the rectangle C[i0:i1, j0:j1] on the calling thread.</summary>
    private static void Block(int i0, int i1, int j0, int j1, int k, StridedOperand a, StridedOperand b, double* c, int ldc, bool lowerOnly)
    {
        double[] packA = PackABuffer();
        double[] packB = PackBBuffer();
        VectorWidth kernel = LinearAlgebraControl.Width;
        double* tile = stackalloc double[MR * NR];

        fixed (double* pa = packA)
        fixed (double* pb = packB)
        {
            for (int jc = j0; jc < j1; jc += NC)
            {
                int nc = Math.Min(NC, j1 - jc);
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    bool accumulate = pc > 0;
                    int icStart = i0;
                    if (lowerOnly && jc > i0)
                    {
                        // Rows above the block's first column contribute nothing to the lower triangle.
                        icStart = i0 + (jc - i0) / MR * MR;
                    }

                    PackB(b, pc, kc, jc, nc, pb);
                    for (int ic = icStart; ic < i1; ic += MC)
                    {
                        int mc = Math.Min(MC, i1 - ic);
                        if (lowerOnly && ic + mc <= jc)
                        {
                            continue;
                        }

                        PackA(a, ic, mc, pc, kc, pa);
                        for (int jr = 0; jr < nc; jr += NR)
                        {
                            int nr = Math.Min(NR, nc - jr);
                            int gj = jc + jr;
                            double* bPanel = pb + (long)jr * kc;
                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                int mr = Math.Min(MR, mc - ir);
                                int gi = ic + ir;
                                if (lowerOnly && gi + mr <= gj)
                                {
                                    continue;
                                }

                                double* aPanel = pa + (long)ir * kc;
                                double* cTile = c + (long)gj * ldc + gi;
                                if (mr == MR && nr == NR)
                                {
                                    MicroKernel(kernel, kc, aPanel, bPanel, cTile, ldc, accumulate);
                                }
                                else
                                {
                                    MicroKernel(kernel, kc, aPanel, bPanel, tile, MR, false);
                                    for (int jj = 0; jj < nr; jj++)
                                    {
                                        double* dst = cTile + (long)jj * ldc;
                                        double* src = tile + jj * MR;
                                        if (accumulate)
                                        {
                                            for (int ii = 0; ii < mr; ii++)
                                            {
                                                dst[ii] += src[ii];
                                            }
                                        }
                                        else
                                        {
                                            for (int ii = 0; ii < mr; ii++)
                                            {
                                                dst[ii] = src[ii];
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels: panel p holds, for each k, MR consecutive rows (zero padded).</summary>
    private static void PackA(StridedOperand a, int ic, int mc, int pc, int kc, double* dst)
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int mr = Math.Min(MR, mc - ir);
            double* panel = dst + (long)ir * kc;
            if (a.RowStride == 1)
            {
                for (int p = 0; p < kc; p++)
                {
                    double* src = a.Ptr + (long)(pc + p) * a.ColStride + ic + ir;
                    double* d = panel + p * MR;
                    if (mr == MR)
                    {
                        Vector512.Store(Vector512.Load(src), d);
                        Vector512.Store(Vector512.Load(src + 8), d + 8);
                        Vector512.Store(Vector512.Load(src + 16), d + 16);
                    }
                    else
                    {
                        int ii = 0;
                        for (; ii < mr; ii++)
                        {
                            d[ii] = src[ii];
                        }

                        for (; ii < MR; ii++)
                        {
                            d[ii] = 0;
                        }
                    }
                }
            }
            else
            {
                // Generic (e.g. transposed, ColStride == 1): walk each row contiguously in k.
                for (int ii = 0; ii < MR; ii++)
                {
                    double* d = panel + ii;
                    if (ii < mr)
                    {
                        double* src = a.Ptr + (long)(ic + ir + ii) * a.RowStride + (long)pc * a.ColStride;
                        long cs = a.ColStride;
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * MR] = src[p * cs];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * MR] = 0;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels: panel q holds, for each k, NR consecutive columns (zero padded).</summary>
    private static void PackB(StridedOperand b, int pc, int kc, int jc, int nc, double* dst)
    {
        for (int jr = 0; jr < nc; jr += NR)
        {
            int nr = Math.Min(NR, nc - jr);
            double* panel = dst + (long)jr * kc;
            if (b.ColStride == 1 && nr == NR)
            {
                // Each k holds NR contiguous values (B^T of a column-major matrix).
                long rs = b.RowStride;
                double* src = b.Ptr + (long)pc * rs + jc + jr;
                for (int p = 0; p < kc; p++)
                {
                    Vector512.Store(Vector512.Load(src + p * rs), panel + p * NR);
                }
            }
            else
            {
                for (int jj = 0; jj < NR; jj++)
                {
                    double* d = panel + jj;
                    if (jj < nr)
                    {
                        double* src = b.Ptr + (long)pc * b.RowStride + (long)(jc + jr + jj) * b.ColStride;
                        long rs = b.RowStride;
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * NR] = src[p * rs];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * NR] = 0;
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MicroKernel(VectorWidth kernel, int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        switch (kernel)
        {
            case VectorWidth.Vector512:
                Kernel512(kc, a, b, c, ldc, accumulate);
                break;
            case VectorWidth.Vector256:
                for (int r = 0; r < MR; r += 8)
                {
                    Kernel256(kc, a + r, b, c + r, ldc, accumulate);
                    Kernel256(kc, a + r, b + 4, c + r + 4L * ldc, ldc, accumulate);
                }

                break;
            default:
                KernelScalar(kc, a, b, c, ldc, accumulate);
                break;
        }
    }

    /// <summary>24 x 8 tile: 24 zmm accumulators, 3 A loads and 8 broadcasts per k.</summary>
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

            a += MR;
            b += NR;
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

    /// <summary>8 x 4 sub-tile of the packed 24 x 8 layout (A stride MR, B stride NR).</summary>
    private static void Kernel256(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        Vector256<double> c00 = default, c10 = default, c01 = default, c11 = default;
        Vector256<double> c02 = default, c12 = default, c03 = default, c13 = default;
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
            a += MR;
            b += NR;
        }

        Store256(c, c00, c10, accumulate); c += ldc;
        Store256(c, c01, c11, accumulate); c += ldc;
        Store256(c, c02, c12, accumulate); c += ldc;
        Store256(c, c03, c13, accumulate);
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

    private static void KernelScalar(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        double* acc = stackalloc double[MR * NR];
        new Span<double>(acc, MR * NR).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int j = 0; j < NR; j++)
            {
                double bj = b[j];
                double* col = acc + j * MR;
                for (int i = 0; i < MR; i++)
                {
                    col[i] += a[i] * bj;
                }
            }

            a += MR;
            b += NR;
        }

        for (int j = 0; j < NR; j++)
        {
            double* dst = c + (long)j * ldc;
            double* src = acc + j * MR;
            for (int i = 0; i < MR; i++)
            {
                dst[i] = accumulate ? dst[i] + src[i] : src[i];
            }
        }
    }

    /// <summary>Copies the strict lower triangle of the n x n column-major matrix onto the upper one (blocked, parallel).</summary>
    public static void MirrorLowerToUpper(double* c, int n, int ldc)
    {
        const int B = 64;
        int blocks = (n + B - 1) / B;
        if ((long)n * n < 512L * 512 || LinearAlgebraControl.Threads <= 1)
        {
            for (int bj = 0; bj < blocks; bj++)
            {
                MirrorBlockColumn(c, n, ldc, bj, B);
            }

            return;
        }

        var job = t_mirror ??= new MirrorJob();
        job.C = c; job.N = n; job.Ldc = ldc; job.BlockSize = B;
        WorkerPool.For(blocks, job, LinearAlgebraControl.Threads);
    }

    [ThreadStatic] private static MirrorJob? t_mirror;

    private sealed class MirrorJob : ParallelJob
    {
        public double* C;
        public int N, Ldc, BlockSize;

        public override void Execute(int index) => MirrorBlockColumn(C, N, Ldc, index, BlockSize);
    }

    /// <summary>For the block column bj of the lower triangle, writes C[j, i] = C[i, j] for i > j.</summary>
    private static void MirrorBlockColumn(double* c, int n, int ldc, int bj, int bs)
    {
        int j0 = bj * bs, j1 = Math.Min(n, j0 + bs);
        for (int i0 = j0; i0 < n; i0 += bs)
        {
            int i1 = Math.Min(n, i0 + bs);
            for (int j = j0; j < j1; j++)
            {
                double* colJ = c + (long)j * ldc;
                for (int i = Math.Max(i0, j + 1); i < i1; i++)
                {
                    c[(long)i * ldc + j] = colJ[i];
                }
            }
        }
    }
}
