using System.Runtime.CompilerServices;

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
/// Optionally computes only the tiles that touch the lower triangle (for SYRK). The micro-kernel and its tile
/// (<see cref="GemmTile.For"/>) follow <see cref="LinearAlgebraControl.Width"/>, the parallelism
/// <see cref="LinearAlgebraControl.Threads"/>. Packing is in GemmEngine.Packing.cs, the kernels in GemmEngine.MicroKernels.cs.
/// </summary>
internal static unsafe partial class GemmEngine
{
    /// <summary>Below this many multiply-adds a direct loop beats packing.</summary>
    internal const long SmallThreshold = 24 * 24 * 24;
    /// <summary>Below this many multiply-adds the work stays on the calling thread.</summary>
    internal const long ParallelThreshold = 96L * 96 * 96;

    [ThreadStatic] private static double[]? t_packA;
    [ThreadStatic] private static double[]? t_packB;

    private static double[] PackBuffer(ref double[]? buffer, int size) =>
        buffer is { } existing && existing.Length >= size ? existing : buffer = GC.AllocateUninitializedArray<double>(size, pinned: true);

    /// <summary>
    /// C (m x n, column-major, leading dimension ldc) = op(A) (m x k) * op(B) (k x n).
    /// When <paramref name="lowerOnly"/> is set (m == n), only tiles that intersect the lower triangle
    /// (row >= column) are computed and only lower-triangle entries written; the strict upper triangle is left untouched.
    /// An active <paramref name="epilogue"/> runs on every finished tile (not with <paramref name="lowerOnly"/>).
    /// </summary>
    public static void Run(int m, int n, int k, StridedOperand a, StridedOperand b, double* c, int ldc, bool lowerOnly, GemmEpilogue epilogue = default)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (lowerOnly && epilogue.IsActive)
        {
            throw new ArgumentException("An epilogue runs on whole tiles of C; the lower-triangle product has none.", nameof(epilogue));
        }

        if (k == 0)
        {
            for (int j = 0; j < n; j++)
            {
                int i0 = lowerOnly ? j : 0;
                new Span<double>(c + (long)j * ldc + i0, m - i0).Clear();
            }

            epilogue.Apply(c, ldc, 0, 0, m, n);
            return;
        }

        long work = (long)m * n * k;
        if (work <= SmallThreshold)
        {
            SmallDirect(m, n, k, a, b, c, ldc, lowerOnly);
            epilogue.Apply(c, ldc, 0, 0, m, n);
            return;
        }

        int threads = LinearAlgebraControl.Threads;
        if (work < ParallelThreshold || threads <= 1)
        {
            Block(0, m, 0, n, k, a, b, c, ldc, lowerOnly, epilogue);
            return;
        }

        // Two chunks per thread so a slow core (shared machine) does not hold everyone up.
        int chunks = threads * 2;
        var job = t_job ??= new GemmJob();
        job.M = m; job.N = n; job.K = k; job.A = a; job.B = b; job.C = c; job.Ldc = ldc; job.LowerOnly = lowerOnly; job.Epilogue = epilogue;
        if (lowerOnly)
        {
            // Column chunks of equal triangle area: column j costs (n - j).
            job.BoundCount = TriangleBounds(n, chunks, job.Bounds);
            WorkerPool.For(job.BoundCount - 1, job, threads);
            return;
        }

        bool splitColumns = n >= m;
        int dim = splitColumns ? n : m;
        var tile = GemmTile.For(LinearAlgebraControl.Width);
        int align = splitColumns ? tile.NR : tile.MR;
        int per = RoundUp(Math.Max(align, (dim + chunks - 1) / chunks), align);
        int parts = (dim + per - 1) / per;
        if (parts <= 1)
        {
            Block(0, m, 0, n, k, a, b, c, ldc, false, epilogue);
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
        public GemmEpilogue Epilogue;
        public readonly int[] Bounds = new int[130];

        public override void Execute(int t)
        {
            if (LowerOnly)
            {
                int j0 = Bounds[t], j1 = Bounds[t + 1];
                if (j1 > j0)
                {
                    Block(j0, M, j0, j1, K, A, B, C, Ldc, true, default);
                }

                return;
            }

            int s0 = t * Per, s1 = Math.Min(Dim, s0 + Per);
            if (SplitColumns)
            {
                Block(0, M, s0, s1, K, A, B, C, Ldc, false, Epilogue);
            }
            else
            {
                Block(s0, s1, 0, N, K, A, B, C, Ldc, false, Epilogue);
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Splits columns 0..n into chunks with (roughly) equal lower-triangle area, aligned to the current tile's NR.</summary>
    /// <remarks>Writes the chunk boundaries (0 first, n last) into <paramref name="bounds"/> and returns how many were written.</remarks>
    internal static int TriangleBounds(int n, int chunks, int[] bounds)
    {
        int align = GemmTile.For(LinearAlgebraControl.Width).NR;
        chunks = Math.Min(chunks, bounds.Length - 2);
        int count = 0;
        bounds[count++] = 0;
        double total = (double)n * (n + 1) / 2;
        for (int t = 1; t < chunks; t++)
        {
            // Area of columns [0, j): j*n - j(j-1)/2 = total * t / chunks  ->  solve the quadratic.
            double target = total * t / chunks;
            double j = (2.0 * n + 1 - Math.Sqrt(Math.Max(0, (2.0 * n + 1) * (2.0 * n + 1) - 8 * target))) / 2;
            int b = RoundUp((int)Math.Round(j), align);
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
    private static void Block(int i0, int i1, int j0, int j1, int k, StridedOperand a, StridedOperand b, double* c, int ldc, bool lowerOnly, GemmEpilogue epilogue)
    {
        VectorWidth width = LinearAlgebraControl.Width;
        GemmTile tile = GemmTile.For(width);
        int mrTile = tile.MR, nrTile = tile.NR;
        double[] packA = PackBuffer(ref t_packA, tile.PackedASize);
        double[] packB = PackBuffer(ref t_packB, tile.PackedBSize);
        double* edge = stackalloc double[MaxTileSize];

        fixed (double* pa = packA)
        fixed (double* pb = packB)
        {
            for (int jc = j0; jc < j1; jc += tile.NC)
            {
                int nc = Math.Min(tile.NC, j1 - jc);
                for (int pc = 0; pc < k; pc += tile.KC)
                {
                    int kc = Math.Min(tile.KC, k - pc);
                    bool accumulate = pc > 0;
                    bool last = pc + kc == k;
                    int icStart = i0;
                    if (lowerOnly && jc > i0)
                    {
                        // Rows above the block's first column contribute nothing to the lower triangle.
                        icStart = i0 + (jc - i0) / mrTile * mrTile;
                    }

                    PackB(tile, b, pc, kc, jc, nc, pb);
                    for (int ic = icStart; ic < i1; ic += tile.MC)
                    {
                        int mc = Math.Min(tile.MC, i1 - ic);
                        if (lowerOnly && ic + mc <= jc)
                        {
                            continue;
                        }

                        PackA(tile, a, ic, mc, pc, kc, pa);
                        for (int jr = 0; jr < nc; jr += nrTile)
                        {
                            int nr = Math.Min(nrTile, nc - jr);
                            int gj = jc + jr;
                            double* bPanel = pb + (long)jr * kc;
                            for (int ir = 0; ir < mc; ir += mrTile)
                            {
                                int mr = Math.Min(mrTile, mc - ir);
                                int gi = ic + ir;
                                if (lowerOnly && gi + mr <= gj)
                                {
                                    continue;
                                }

                                double* aPanel = pa + (long)ir * kc;
                                double* cTile = c + (long)gj * ldc + gi;
                                // Tiles across the diagonal keep the strict upper triangle untouched, as the edges keep C outside the product.
                                int firstLower = lowerOnly && gi < gj + nr - 1 ? gj - gi : int.MinValue / 2;
                                if (mr == mrTile && nr == nrTile && firstLower <= -nrTile)
                                {
                                    MicroKernel(width, tile, kc, aPanel, bPanel, cTile, ldc, accumulate);
                                }
                                else
                                {
                                    // An edge tile: the whole tile into a scratch block (padding included), then its valid part.
                                    MicroKernel(width, tile, kc, aPanel, bPanel, edge, mrTile, false);
                                    StoreEdge(edge, mrTile, mr, nr, firstLower, cTile, ldc, accumulate);
                                }

                                if (last)
                                {
                                    epilogue.Apply(cTile, ldc, gi, gj, mr, nr);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writes (or adds) rows max(0, jj + <paramref name="firstLower"/>) .. mr - 1 of each column jj below nr of the
    /// scratch tile into C: a very negative <paramref name="firstLower"/> writes whole columns.
    /// </summary>
    private static void StoreEdge(double* edge, int mrTile, int mr, int nr, int firstLower, double* c, int ldc, bool accumulate)
    {
        for (int jj = 0; jj < nr; jj++)
        {
            double* dst = c + (long)jj * ldc;
            double* src = edge + jj * mrTile;
            int first = Math.Max(0, jj + firstLower);
            if (accumulate)
            {
                for (int ii = first; ii < mr; ii++)
                {
                    dst[ii] += src[ii];
                }
            }
            else
            {
                for (int ii = first; ii < mr; ii++)
                {
                    dst[ii] = src[ii];
                }
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
