using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Regression;

/// <summary>
/// The per-epoch measurements of an EigenPro fit: the loss (and, for several outputs, the argmax accuracy) on a seeded
/// sample of the training points and on the test set. Measuring costs m n kernel entries for m points, so the training
/// loss is taken on a sample (<see cref="EigenProOptions.TrainEvaluationSize"/>) rather than on all n.
/// </summary>
internal sealed class EigenProMonitor
{
    private readonly KernelBlocks blocks;
    private readonly Matrix<double> trainPoints, trainLabels;
    private readonly Matrix<double>? testPoints, testLabels;
    private readonly int[] trainClasses;
    private readonly int[]? testClasses;

    public EigenProMonitor(EigenProSetup setup, EigenProOptions options, Matrix<double>? testX, Matrix<double>? testY)
    {
        blocks = setup.Blocks;
        var n = blocks.Count;
        var size = options.TrainEvaluationSize == 0 ? n : Math.Min(n, options.TrainEvaluationSize);
        // Seed + 1: a different draw from the subsample's (same algorithm), so the loss is not measured on the subsample.
        var positions = size == n ? Enumerable.Range(0, n).ToArray() : EigenSolver.NystromSubsampleIndices(n, size, unchecked(options.Seed + 1));
        trainPoints = blocks.Rows(positions);
        trainLabels = Matrix<double>.Build.Dense(size, setup.Labels.ColumnCount, (i, a) => setup.Labels.At(positions[i], a));
        trainClasses = Argmax(trainLabels);
        testPoints = testX;
        testLabels = testY;
        testClasses = testY is null ? null : Argmax(testY);
    }

    /// <summary>Epoch 0: every coefficient is zero, so every prediction is zero and no kernel is evaluated.</summary>
    public EigenProEpoch Initial(TimeSpan elapsed)
    {
        var train = Evaluate(Matrix<double>.Build.Dense(trainLabels.RowCount, trainLabels.ColumnCount), trainLabels, trainClasses);
        var test = testLabels is null ? null : Evaluate(Matrix<double>.Build.Dense(testLabels.RowCount, testLabels.ColumnCount), testLabels, testClasses!);
        return Record(0, train, test, elapsed);
    }

    /// <summary>The record after <paramref name="epoch"/> epochs with coefficients <paramref name="coefficients"/>.</summary>
    public EigenProEpoch Measure(int epoch, Matrix<double>[] coefficients, TimeSpan elapsed)
    {
        var train = Evaluate(blocks.Predict(trainPoints, coefficients), trainLabels, trainClasses);
        var test = testPoints is null ? null : Evaluate(blocks.Predict(testPoints, coefficients), testLabels!, testClasses!);
        return Record(epoch, train, test, elapsed);
    }

    private static EigenProEpoch Record(int epoch, Score train, Score? test, TimeSpan elapsed) =>
        new(epoch, train.Loss, test?.Loss, train.RelativeResidual, elapsed)
        {
            TrainAccuracy = train.Accuracy,
            TestAccuracy = test?.Accuracy,
        };

    private static Score Evaluate(Matrix<double> predicted, Matrix<double> labels, int[] classes)
    {
        var p = predicted.AsColumnMajorArray() ?? predicted.ToColumnMajorArray();
        var y = labels.AsColumnMajorArray() ?? labels.ToColumnMajorArray();
        var difference = new double[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            difference[i] = p[i] - y[i];
        }

        var misfit = Math.Sqrt(FastLinearAlgebra.Dot(difference, difference));
        var scale = Math.Sqrt(FastLinearAlgebra.Dot(y, y));
        var loss = misfit * misfit / (2.0 * labels.RowCount);
        double? accuracy = null;
        if (labels.ColumnCount > 1 && double.IsFinite(loss))
        {
            var predictedClasses = Argmax(predicted);
            accuracy = (double)predictedClasses.Where((value, i) => value == classes[i]).Count() / classes.Length;
        }

        return new Score(loss, scale > 0 ? misfit / scale : misfit, accuracy);
    }

    /// <summary>The column of each row's largest entry, ties to the lowest (ClassLabels.Argmax's rule).</summary>
    private static int[] Argmax(Matrix<double> values)
    {
        var result = new int[values.RowCount];
        for (var i = 0; i < values.RowCount; i++)
        {
            var best = 0;
            for (var a = 1; a < values.ColumnCount; a++)
            {
                if (values.At(i, a) > values.At(i, best))
                {
                    best = a;
                }
            }

            result[i] = best;
        }

        return result;
    }

    private sealed record Score(double Loss, double RelativeResidual, double? Accuracy);
}
