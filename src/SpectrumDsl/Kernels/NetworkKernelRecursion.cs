using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The layer recursion of docs/design.md#network, shared by the NTK and the NNGP of every activation. Works on whole
/// blocks: Sigma0 comes from one matrix product, every layer is an elementwise map (the activation's
/// <see cref="ILayerRecursion"/>, <see cref="ReluArcCosineLayer"/> or <see cref="ErfArcSineLayer"/>, run by the
/// generic <see cref="LayerRecursion"/>). The activation is chosen once per call, in <see cref="Layer{TUser, TResult}"/>.
/// </summary>
internal static class NetworkKernelRecursion
{
    /// <summary>A computation generic over the layer, so the switch from activation to layer is written once.</summary>
    public interface ILayerUser<out TResult>
    {
        /// <summary>Runs with the activation's layer.</summary>
        TResult Use<TLayer>(TLayer layer) where TLayer : struct, ILayerRecursion;
    }

    /// <summary>Runs <paramref name="user"/> with the layer of <paramref name="architecture"/>'s activation.</summary>
    public static TResult Layer<TUser, TResult>(NetworkArchitecture architecture, TUser user)
        where TUser : ILayerUser<TResult>
    {
        var beta2 = architecture.BiasScale * architecture.BiasScale;
        return architecture.Activation switch
        {
            Activation.Relu => user.Use(new ReluArcCosineLayer(beta2)),
            Activation.Erf => user.Use(new ErfArcSineLayer(beta2)),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture.Activation,
                $"Activation {architecture.Activation} has no kernel recursion."),
        };
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
    public static Matrix<double> Apply(NetworkArchitecture architecture, Matrix<double> dotProducts, int dimension,
        double[] rowVariances, double[] columnVariances, bool ntk, bool symmetric) =>
        Layer<BlockUser, Matrix<double>>(architecture, new BlockUser(architecture, dotProducts, dimension, rowVariances, columnVariances, ntk, symmetric));

    private readonly record struct BlockUser(NetworkArchitecture Architecture, Matrix<double> DotProducts, int Dimension,
        double[] RowVariances, double[] ColumnVariances, bool Ntk, bool Symmetric) : ILayerUser<Matrix<double>>
    {
        public Matrix<double> Use<TLayer>(TLayer layer) where TLayer : struct, ILayerRecursion =>
            Apply(layer, Architecture, DotProducts, Dimension, RowVariances, ColumnVariances, Ntk, Symmetric);
    }

    private static unsafe Matrix<double> Apply<TLayer>(TLayer layer, NetworkArchitecture architecture, Matrix<double> dotProducts, int dimension,
        double[] rowVariances, double[] columnVariances, bool ntk, bool symmetric)
        where TLayer : struct, ILayerRecursion
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
            for (var l = 1; l < depth; l++)
            {
                LayerRecursion.SelfStep(layer, pr + (long)(l - 1) * rows, pr + (long)l * rows, rows);
                if (!symmetric)
                {
                    LayerRecursion.SelfStep(layer, pc + (long)(l - 1) * columns, pc + (long)l * columns, columns);
                }
            }

            var job = new RecursionJob<TLayer>
            {
                Layer = layer, Values = pv, RowTable = pr, ColumnTable = pc, Rows = rows, Columns = columns, Depth = depth,
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
    private sealed unsafe class RecursionJob<TLayer> : ParallelJob
        where TLayer : struct, ILayerRecursion
    {
        public TLayer Layer;
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
                LayerRecursion.Segment(Layer, Values + (long)column * Rows + start, Rows - start, RowTable + start, Rows,
                    ColumnTable + column, Columns, Depth, Dimension, BetaSquared, Ntk);
            }
        }
    }

    /// <summary>Pointwise evaluation with the same recursion, for checks and single queries.</summary>
    public static double Evaluate(NetworkArchitecture architecture, Vector<double> x, Vector<double> z, bool ntk) =>
        EvaluateFromProducts(architecture, x.DotProduct(z), x.DotProduct(x), z.DotProduct(z), x.Count, ntk);

    /// <summary>The recursion from x.z, |x|^2 and |z|^2 alone, with the scalar form of the same layer as the blocks.</summary>
    public static double EvaluateFromProducts(NetworkArchitecture architecture, double xz, double xx, double zz, int d, bool ntk) =>
        Layer<PointUser, double>(architecture, new PointUser(architecture, xz, xx, zz, d, ntk));

    private readonly record struct PointUser(NetworkArchitecture Architecture, double Xz, double Xx, double Zz, int D, bool Ntk) : ILayerUser<double>
    {
        public double Use<TLayer>(TLayer layer) where TLayer : struct, ILayerRecursion
        {
            var beta2 = Architecture.BiasScale * Architecture.BiasScale;
            var sigma = Xz / D + beta2;
            var xx = Xx / D + beta2;
            var zz = Zz / D + beta2;
            var theta = sigma;
            for (var l = 1; l <= Architecture.Depth; l++)
            {
                layer.Step(sigma, layer.Norm(xx, zz), out var next, out var dot);
                sigma = next;
                theta = theta * dot + next;
                layer.Step(xx, layer.Norm(xx, xx), out xx, out _);
                layer.Step(zz, layer.Norm(zz, zz), out zz, out _);
            }

            return Ntk ? theta : sigma;
        }
    }
}
