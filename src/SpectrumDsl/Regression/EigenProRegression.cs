using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// Kernel regression with the base kernel K, reached by EigenPro's iteration (Ma and Belkin 2017, 2019): mini-batch
/// kernel gradient descent on the coefficients alpha (n x c), preconditioned from the top eigensystem of a Nystrom
/// subsample, with K(batch, X) evaluated on the fly. No n x n matrix is ever formed, so n = 60 000 is practical
/// (docs/design.md#eigenpro).
/// </summary>
/// <remarks>
/// <para>
/// One update on batch B (b points, residual G_B = K(X_B, X) alpha - Y_B, b x c), with h = eta / b:
/// alpha_B -= h G_B, then alpha_S -= h E D E^T K(X_S, X_B) G_B, E D E^T from the subsample's eigensystem
/// (see <see cref="EigenProStepRule"/> for eta and b). In function space this is f -= eta P g_B with g_B the
/// batch-mean gradient of 1/(2n) ||f(X) - Y||^2 and P positive definite, so the fixed point is unchanged:
/// K alpha = Y, the interpolant <see cref="KernelRegression.Fit(IKernel, Matrix{double}, Matrix{double}, double)"/> computes
/// densely. Preconditioning changes how fast it is approached (the top k - 1 eigenvalues are flattened to lambda_k
/// by default), not where the iteration goes.
/// </para>
/// <para>
/// Memory O(n (d + c) + s (d + k) + s^2 + P) with P a fixed block of 2^22 kernel entries (32 MB): the points, labels
/// and coefficients, the subsample's eigenvectors and Gram, and one piece of K(rows, X) at a time; it does not grow
/// with the batch size (within the O(n (d + c) + n k + s^2 + b n) budget of docs/design.md). Time per epoch
/// O(n^2 (d + c)) for the kernel pieces plus O(n s c) for the corrections; setup O(s^2 d + s^2 k + n d).
/// </para>
/// </remarks>
public static class EigenProRegression
{
    // A stable iteration keeps the loss near or below its start (full batch: never above); ten times the initial
    // loss only happens when the steps amplify some direction.
    private const double DivergenceFactor = 10.0;

    /// <summary>Fits one output; see the matrix overload.</summary>
    public static EigenProRegressor Fit(IKernel kernel, Matrix<double> x, Vector<double> y, EigenProOptions? options = null,
        Matrix<double>? testX = null, Vector<double>? testY = null, IProgress<EigenProEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Finite(y, nameof(y));
        if (testY is not null)
        {
            Guard.Finite(testY, nameof(testY));
        }

        return Fit(kernel, x, Matrix<double>.Build.DenseOfColumnVectors(y), options, testX,
            testY is null ? null : Matrix<double>.Build.DenseOfColumnVectors(testY), progress, cancellationToken);
    }

    /// <summary>
    /// Fits F(x) = K(x, X) alpha to the n x c labels <paramref name="y"/> (one column per output; the outputs share the
    /// subsample, the step and the batch order, and are fitted independently) by EigenPro's iteration.
    /// </summary>
    /// <param name="kernel">The kernel K; the model predicts with K itself.</param>
    /// <param name="x">Training points, one per row.</param>
    /// <param name="y">Labels, n x c.</param>
    /// <param name="options">Rank, subsample, target, epochs, batch size, seed, tolerance (defaults: <see cref="EigenProOptions"/>).</param>
    /// <param name="testX">Optional test points (with <paramref name="testY"/>): the test loss is recorded every epoch.</param>
    /// <param name="testY">Optional test labels, one column per output.</param>
    /// <param name="progress">Receives epoch 0 and every completed epoch.</param>
    /// <param name="cancellationToken">
    /// Checked before every batch: when signalled the fit stops and returns the model after the last complete batch
    /// with <see cref="EigenProRegressor.Cancelled"/> set (a batch is never half applied).
    /// </param>
    /// <exception cref="ArgumentException">An input or setting breaks its rule (the message names it, its value and the rule).</exception>
    /// <exception cref="EigenProDivergedException">The training loss became non-finite or exceeded 10 times its initial value.</exception>
    public static EigenProRegressor Fit(IKernel kernel, Matrix<double> x, Matrix<double> y, EigenProOptions? options = null,
        Matrix<double>? testX = null, Matrix<double>? testY = null, IProgress<EigenProEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        Guard.NotNull(kernel, nameof(kernel));
        Guard.Points(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        Guard.SameCount(y.RowCount, nameof(y), "rows (labels)", x.RowCount, "x (points)");
        if (y.ColumnCount == 0)
        {
            throw new ArgumentException("y must have at least one column (output) but has none.", nameof(y));
        }

        Guard.Finite(y, nameof(y));
        CheckTestData(x, y, testX, testY);
        options ??= new EigenProOptions();
        var subsample = options.Validate(x.RowCount);

        var setup = EigenProSetup.Create(kernel, x, y, options, subsample);
        var coefficients = setup.Blocks.ZeroCoefficients(y.ColumnCount);
        var monitor = new EigenProMonitor(setup, options, testX, testY);
        var epochs = new List<EigenProEpoch> { monitor.Initial(clock.Elapsed) };
        progress?.Report(epochs[0]);

        var order = Enumerable.Range(0, x.RowCount).ToArray();
        var shuffle = new Random(options.Seed);
        var converged = false;
        var cancelled = false;
        for (var epoch = 1; epoch <= options.Epochs && !converged; epoch++)
        {
            if (!RunEpoch(setup, coefficients, order, shuffle, cancellationToken))
            {
                cancelled = true;
                break;
            }

            var record = monitor.Measure(epoch, coefficients, clock.Elapsed);
            epochs.Add(record);
            progress?.Report(record);
            if (!double.IsFinite(record.TrainLoss) || record.TrainLoss > DivergenceFactor * epochs[0].TrainLoss)
            {
                throw new EigenProDivergedException(epoch, record.TrainLoss, epochs[0].TrainLoss, setup.StepSize, setup.BatchSize);
            }

            converged = options.Tolerance > 0 && record.RelativeResidual <= options.Tolerance;
        }

        var fit = new EigenProFit(setup.Spectrum, setup.StepRule, setup.BatchSize, setup.StepSize, setup.SubsampleIndices, epochs, converged, cancelled);
        return new EigenProRegressor(setup.Blocks, coefficients, setup.Order, kernel, fit);
    }

    /// <summary>
    /// One pass: <paramref name="order"/> (internal positions) reshuffled by <paramref name="shuffle"/>, then one update per
    /// consecutive batch. False when <paramref name="cancellationToken"/> stopped it before a batch.
    /// </summary>
    internal static bool RunEpoch(EigenProSetup setup, Matrix<double>[] coefficients, int[] order, Random shuffle, CancellationToken cancellationToken)
    {
        shuffle.Shuffle(order);
        var n = order.Length;
        var buffers = new KernelBlocks.PieceBuffers();
        for (var start = 0; start < n; start += setup.BatchSize)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            Update(setup, coefficients, order.AsSpan(start, Math.Min(setup.BatchSize, n - start)), buffers);
        }

        return true;
    }

    /// <summary>
    /// One EigenPro update on the batch <paramref name="batch"/> (internal positions): every residual is computed
    /// from the coefficients before the update, then alpha_B -= h G_B and alpha_S -= h E D E^T K(X_S, X_B) G_B.
    /// </summary>
    private static void Update(EigenProSetup setup, Matrix<double>[] coefficients, ReadOnlySpan<int> batch, KernelBlocks.PieceBuffers buffers)
    {
        var blocks = setup.Blocks;
        var outputs = setup.Labels.ColumnCount;
        var residual = new DenseMatrix(batch.Length, outputs);
        var projected = new DenseMatrix(setup.SubsampleIndices.Length, outputs);   // K(X_S, X_B) G_B
        for (var start = 0; start < batch.Length; start += blocks.RowsPerBlock)
        {
            var rows = batch.Slice(start, Math.Min(blocks.RowsPerBlock, batch.Length - start));
            var predicted = blocks.Multiply(blocks.Rows(rows), coefficients, buffers, out var subsampleCross);
            for (var r = 0; r < rows.Length; r++)
            {
                for (var a = 0; a < outputs; a++)
                {
                    predicted.At(r, a, predicted.At(r, a) - setup.Labels.At(rows[r], a));
                }
            }

            residual.SetSubMatrix(start, 0, predicted);
            var part = FastLinearAlgebra.TransposeAndMultiply(subsampleCross, predicted);
            FastLinearAlgebra.Axpy(1.0, part.AsColumnMajorArray(), projected.Values);
        }

        var step = setup.StepSize / setup.BatchSize;
        for (var r = 0; r < batch.Length; r++)
        {
            var (block, row) = blocks.Locate(batch[r]);
            var target = coefficients[block];
            for (var a = 0; a < outputs; a++)
            {
                target.At(row, a, target.At(row, a) - step * residual.At(r, a));
            }
        }

        var correction = setup.Correction.Apply(projected);
        FastLinearAlgebra.Axpy(-step, correction.AsColumnMajorArray(), coefficients[0].AsColumnMajorArray());
    }

    private static void CheckTestData(Matrix<double> x, Matrix<double> y, Matrix<double>? testX, Matrix<double>? testY)
    {
        if ((testX is null) != (testY is null))
        {
            var missing = testX is null ? nameof(testX) : nameof(testY);
            throw new ArgumentException($"testX and testY must be given together but {missing} is null.", missing);
        }

        if (testX is null || testY is null)
        {
            return;
        }

        Guard.Points(testX, nameof(testX));
        Guard.SameDimension(testX, nameof(testX), x.ColumnCount, "x");
        Guard.SameCount(testY.RowCount, nameof(testY), "rows (labels)", testX.RowCount, "testX (points)");
        Guard.SameCount(testY.ColumnCount, nameof(testY), "columns (outputs)", y.ColumnCount, "y");
        Guard.Finite(testY, nameof(testY));
    }
}
