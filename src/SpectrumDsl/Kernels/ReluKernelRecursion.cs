using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The arc-cosine recursion of docs/design.md#network, shared by the NTK and the NNGP. Works on whole
/// blocks: Sigma0 comes from one matrix product, every layer is an elementwise map
/// (<see cref="ReluArcCosineLayer"/> run by the generic <see cref="LayerRecursion"/>).
/// </summary>
internal static class ReluKernelRecursion
{
    /// <summary>One layer of the recursion for a single entry: the pointwise path (the block path uses <see cref="ReluArcCosineLayer"/> through <see cref="LayerRecursion"/>).</summary>
    public static void Step(double sigma, double norm, double betaSquared, out double sigmaNext, out double sigmaDot)
    {
        // A zero-norm input (x = 0 without bias) has no direction: treat it as orthogonal.
        var rho = norm > 0 ? Math.Clamp(sigma / norm, -1.0, 1.0) : 0.0;
        var angle = Math.Acos(rho);
        var sine = Math.Sqrt(Math.Max(0.0, 1.0 - rho * rho));
        sigmaNext = norm * (sine + (Math.PI - angle) * rho) / Math.PI + betaSquared;
        sigmaDot = (Math.PI - angle) / Math.PI;
    }

    /// <summary>Sigma0(x, x) = |x|^2 / d + beta^2 for every row.</summary>
    public static double[] InputVariances(Matrix<double> x, double betaSquared)
    {
        var d = x.ColumnCount;
        var result = new double[x.RowCount];
        for (var row = 0; row < x.RowCount; row++)
        {
            var sum = 0.0;
            for (var column = 0; column < d; column++)
            {
                var value = x.At(row, column);
                sum += value * value;
            }

            result[row] = sum / d + betaSquared;
        }

        return result;
    }

    /// <summary>
    /// Runs the recursion on a block of inner products x.z (reusing their storage) and returns
    /// Theta(L) when <paramref name="ntk"/> is set, else Sigma(L). <paramref name="symmetric"/>
    /// marks a Gram block (rows and columns are the same points): then only the lower triangle
    /// (diagonal included) of <paramref name="dotProducts"/> is read, mapped and mirrored.
    /// </summary>
    /// <remarks>
    /// All layers are fused per entry (one pass over memory), columns are split over the cores.
    /// The per-layer variances are tabulated first. For a Gram they go through the same vector map
    /// at rho = 1 as the diagonal itself (mathematically v + beta^2, but v * pi / pi is not always v
    /// in floating point, and arccos turns a one-ulp miss of rho = 1 into an error of sqrt(eps)), so
    /// the table equals the diagonal bit for bit and rho stays exactly 1 there.
    /// </remarks>
    public static unsafe Matrix<double> Apply(NetworkArchitecture architecture, Matrix<double> dotProducts, int dimension,
        double[] rowVariances, double[] columnVariances, bool ntk, bool symmetric)
    {
        var beta2 = architecture.BiasScale * architecture.BiasScale;
        var depth = architecture.Depth;
        var rows = dotProducts.RowCount;
        var columns = dotProducts.ColumnCount;
        var values = dotProducts.AsColumnMajorArray() ?? dotProducts.ToColumnMajorArray();
        var rowTable = new double[Math.Max(1, depth) * rows];
        var columnTable = symmetric ? rowTable : new double[Math.Max(1, depth) * columns];
        rowVariances.CopyTo(rowTable, 0);
        if (!symmetric)
        {
            columnVariances.CopyTo(columnTable, 0);
        }

        fixed (double* pr = rowTable)
        fixed (double* pc = columnTable)
        fixed (double* pv = values)
        {
            for (var layer = 1; layer < depth; layer++)
            {
                if (symmetric)
                {
                    LayerRecursion.SelfStep(new ReluArcCosineLayer(beta2), pr + (long)(layer - 1) * rows, pr + (long)layer * rows, rows);
                }
                else
                {
                    NextVariances(rowTable.AsSpan((layer - 1) * rows, rows), rowTable.AsSpan(layer * rows, rows), beta2);
                    NextVariances(columnTable.AsSpan((layer - 1) * columns, columns), columnTable.AsSpan(layer * columns, columns), beta2);
                }
            }

            var job = new RecursionJob
            {
                Values = pv, RowTable = pr, ColumnTable = pc, Rows = rows, Columns = columns, Depth = depth,
                Dimension = dimension, BetaSquared = beta2, Ntk = ntk, Symmetric = symmetric,
            };
            // Several chunks per core: a shared machine's slow core does not hold everyone up.
            var chunks = 8 * LinearAlgebraControl.Threads;
            job.Bounds = new int[chunks + 2];
            if (symmetric)
            {
                job.BoundCount = GemmEngine.TriangleBounds(columns, chunks, job.Bounds);
            }
            else
            {
                var count = 0;
                for (var t = 0; t <= chunks; t++)
                {
                    var bound = (int)((long)columns * t / chunks);
                    if (count == 0 || bound > job.Bounds[count - 1])
                    {
                        job.Bounds[count++] = bound;
                    }
                }

                job.BoundCount = count;
            }

            var work = (long)rows * columns * Math.Max(1, depth);
            WorkerPool.For(job.BoundCount - 1, job, work < 64 * 1024 ? 1 : LinearAlgebraControl.Threads);
            if (symmetric)
            {
                GemmEngine.MirrorLowerToUpper(pv, rows, rows);
            }
        }

        return ReferenceEquals(values, dotProducts.AsColumnMajorArray()) ? dotProducts : Matrix<double>.Build.Dense(rows, columns, values);
    }

    /// <summary>One item per chunk of columns: the fused recursion on each column (its lower part for a Gram).</summary>
    private sealed unsafe class RecursionJob : ParallelJob
    {
        public double* Values, RowTable, ColumnTable;
        public int Rows, Columns, Depth, Dimension, BoundCount;
        public double BetaSquared;
        public bool Ntk, Symmetric;
        public int[] Bounds = [];

        public override void Execute(int index)
        {
            for (var column = Bounds[index]; column < Bounds[index + 1]; column++)
            {
                var start = Symmetric ? column : 0;
                LayerRecursion.Segment(new ReluArcCosineLayer(BetaSquared), Values + (long)column * Rows + start, Rows - start, RowTable + start, Rows,
                    ColumnTable + column, Columns, Depth, Dimension, BetaSquared, Ntk);
            }
        }
    }

    private static void NextVariances(ReadOnlySpan<double> variances, Span<double> next, double beta2)
    {
        for (var i = 0; i < variances.Length; i++)
        {
            Step(variances[i], variances[i], beta2, out next[i], out _);
        }
    }

    /// <summary>Pointwise evaluation with the same recursion, for checks and single queries.</summary>
    public static double Evaluate(NetworkArchitecture architecture, Vector<double> x, Vector<double> z, bool ntk) =>
        EvaluateFromProducts(architecture, x.DotProduct(z), x.DotProduct(x), z.DotProduct(z), x.Count, ntk);

    /// <summary>The recursion from x.z, |x|^2 and |z|^2 alone.</summary>
    public static double EvaluateFromProducts(NetworkArchitecture architecture, double xz, double xx, double zz, int d, bool ntk)
    {
        var beta2 = architecture.BiasScale * architecture.BiasScale;
        var sigma = xz / d + beta2;
        xx = xx / d + beta2;
        zz = zz / d + beta2;
        var theta = sigma;
        for (var layer = 1; layer <= architecture.Depth; layer++)
        {
            Step(sigma, Math.Sqrt(xx * zz), beta2, out var next, out var dot);
            sigma = next;
            theta = theta * dot + next;
            Step(xx, xx, beta2, out xx, out _);
            Step(zz, zz, beta2, out zz, out _);
        }

        return ntk ? theta : sigma;
    }
}
