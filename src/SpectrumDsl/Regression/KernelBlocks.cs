using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Regression;

/// <summary>
/// K(X*, X) A for a kernel expansion on n training points without the n x n (or m x n) kernel matrix: the points
/// are held in column blocks, the first of which is the EigenPro subsample, and K(X*, X) is evaluated one
/// (rows x block) piece at a time. Coefficients A are held in the same blocks, so each piece meets its
/// coefficients without copying. Memory: the points (n d) and one piece of at most about 2^22 kernel entries.
/// </summary>
internal sealed class KernelBlocks
{
    // Kernel entries per piece (32 MB of doubles): large enough for the multiply to run near peak,
    // small enough that memory does not grow with n or the batch size.
    private const int PieceEntries = 1 << 22;
    private const int ColumnBlockWidth = 2048;

    private readonly Matrix<double>[] points;
    private readonly int[] starts;   // first (permuted) index of each block, then n

    /// <summary>Points <paramref name="x"/> taken in the order <paramref name="order"/>; the first <paramref name="firstBlock"/> form block 0.</summary>
    public KernelBlocks(IKernel kernel, Matrix<double> x, int[] order, int firstBlock)
    {
        Count = order.Length;
        Dimension = x.ColumnCount;
        var bounds = new List<int> { 0, firstBlock };
        while (bounds[^1] < Count)
        {
            bounds.Add(Math.Min(Count, bounds[^1] + ColumnBlockWidth));
        }

        starts = bounds.ToArray();
        points = new Matrix<double>[starts.Length - 1];
        for (var block = 0; block < points.Length; block++)
        {
            var start = starts[block];
            points[block] = Matrix<double>.Build.Dense(starts[block + 1] - start, Dimension, (i, j) => x.At(order[start + i], j));
        }

        RowsPerBlock = Math.Max(1, PieceEntries / Math.Max(firstBlock, ColumnBlockWidth));
        crosses = points.Select(block => new CrossEvaluator(kernel, block)).ToArray();
    }

    // K(rows, block) for every block, into the caller's piece buffers.
    private readonly CrossEvaluator[] crosses;

    /// <summary>
    /// Reusable kernel pieces for one caller at a time (an EigenPro fit, or one prediction), by shape: a batch of pieces
    /// has at most two row counts and the blocks three widths. Block 0's piece has its own buffer, because
    /// <see cref="Multiply"/> hands it out while the other blocks' pieces are computed.
    /// </summary>
    public sealed class PieceBuffers
    {
        private readonly Dictionary<(int Rows, int Columns, bool First), Matrix<double>> pieces = [];

        public Matrix<double> For(int rows, int columns, bool first)
        {
            if (!pieces.TryGetValue((rows, columns, first), out var piece))
            {
                piece = new DenseMatrix(rows, columns);
                pieces[(rows, columns, first)] = piece;
            }

            return piece;
        }
    }

    private Matrix<double> Cross(Matrix<double> rows, int block, PieceBuffers buffers) =>
        crosses[block].Into(rows, buffers.For(rows.RowCount, crosses[block].Columns, first: block == 0));

    /// <summary>n.</summary>
    public int Count { get; }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>The most rows <see cref="Multiply"/> takes at once.</summary>
    public int RowsPerBlock { get; }

    /// <summary>Zero coefficients for <paramref name="outputs"/> columns, blocked like the points.</summary>
    public Matrix<double>[] ZeroCoefficients(int outputs) =>
        points.Select(block => (Matrix<double>)new DenseMatrix(block.RowCount, outputs)).ToArray();

    /// <summary>The block and the row inside it of (permuted) point <paramref name="index"/>.</summary>
    public (int Block, int Row) Locate(int index)
    {
        var block = Array.BinarySearch(starts, index);
        block = block >= 0 ? block : ~block - 1;
        return (block, index - starts[block]);
    }

    /// <summary>The training points with (permuted) indices <paramref name="indices"/>, one per row.</summary>
    public Matrix<double> Rows(ReadOnlySpan<int> indices)
    {
        var result = new DenseMatrix(indices.Length, Dimension);
        for (var r = 0; r < indices.Length; r++)
        {
            var (block, row) = Locate(indices[r]);
            var source = points[block];
            for (var j = 0; j < Dimension; j++)
            {
                result.At(r, j, source.At(row, j));
            }
        }

        return result;
    }

    /// <summary>
    /// K(rows, X) A for at most <see cref="RowsPerBlock"/> rows; <paramref name="firstPiece"/> is K(rows, block 0),
    /// which EigenPro's correction needs (block 0 is the subsample); it lives in <paramref name="buffers"/> until their next use.
    /// </summary>
    public Matrix<double> Multiply(Matrix<double> rows, Matrix<double>[] coefficients, PieceBuffers buffers, out Matrix<double> firstPiece)
    {
        firstPiece = Cross(rows, 0, buffers);
        var result = FastLinearAlgebra.Multiply(firstPiece, coefficients[0]);
        if (points.Length == 1)
        {
            return result;
        }

        var sum = result.AsColumnMajorArray();
        var part = new DenseMatrix(rows.RowCount, coefficients[0].ColumnCount);
        for (var block = 1; block < points.Length; block++)
        {
            FastLinearAlgebra.MultiplyInto(Cross(rows, block, buffers), coefficients[block], part);
            FastLinearAlgebra.Axpy(1.0, part.Values, sum);
        }

        return result;
    }

    /// <summary>K(X*, X) A for any number of rows of <paramref name="xNew"/>, one row block at a time.</summary>
    public Matrix<double> Predict(Matrix<double> xNew, Matrix<double>[] coefficients)
    {
        var m = xNew.RowCount;
        var c = coefficients[0].ColumnCount;
        var result = new DenseMatrix(m, c);
        var buffers = new PieceBuffers();
        var columns = xNew.AsColumnMajorArray() ?? xNew.ToColumnMajorArray();
        for (var start = 0; start < m; start += RowsPerBlock)
        {
            var rows = Math.Min(RowsPerBlock, m - start);
            var part = Multiply(FastLinearAlgebra.RowBlock(columns, m, start, rows), coefficients, buffers, out _);
            result.SetSubMatrix(start, 0, part);
        }

        return result;
    }

    /// <summary>The blocked coefficients as one n x c matrix in the original point order.</summary>
    public Matrix<double> Assemble(Matrix<double>[] coefficients, int[] order)
    {
        var c = coefficients[0].ColumnCount;
        var result = new DenseMatrix(Count, c);
        for (var block = 0; block < points.Length; block++)
        {
            var values = coefficients[block];
            for (var row = 0; row < values.RowCount; row++)
            {
                var original = order[starts[block] + row];
                for (var a = 0; a < c; a++)
                {
                    result.At(original, a, values.At(row, a));
                }
            }
        }

        return result;
    }
}
