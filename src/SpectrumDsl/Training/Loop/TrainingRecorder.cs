using System.Globalization;
using SpectrumDsl.Classification;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Training.Setup;

namespace SpectrumDsl.Training.Loop;

/// <summary>
/// Turns the training residual at a record step into a <see cref="TrainingRecord"/>: losses (total and per
/// output), the residual's projection on every top eigenvector for every output, the part outside them, the
/// test loss, and for classification the training and test accuracy.
/// </summary>
internal sealed class TrainingRecorder(TrainingSetup setup, Networks.FullyConnectedNetwork network)
{
    private readonly double[] vectors = setup.Spectrum.TopVectors.ToColumnMajorArray();

    // The test set's forward passes, made once (records evaluate it again and again).
    private readonly Networks.ChunkedForward? test = setup.Data.TestX is { } testX ? new Networks.ChunkedForward(network, testX) : null;
    private readonly double[] testOutputs = setup.Data.TestX is { } x ? new double[x.RowCount * setup.Data.Outputs] : [];
    private readonly double[] testResidual = setup.Data.TestX is { } x ? new double[x.RowCount * setup.Data.Outputs] : [];

    public TrainingRecord Record(int step, ReadOnlySpan<double> outputs, double[] residual, double norm, double initialNorm, double stepSize, TimeSpan elapsed)
    {
        var n = setup.Data.Count;
        var c = setup.Data.Outputs;
        var k = setup.Spectrum.TopVectors.ColumnCount;
        var projections = new double[k * c];
        var inside = 0.0;
        for (var i = 0; i < k; i++)
        {
            for (var a = 0; a < c; a++)
            {
                var value = FastLinearAlgebra.Dot(vectors.AsSpan(i * n, n), residual.AsSpan(a * n, n));
                projections[i * c + a] = value;
                inside += value * value;
            }
        }

        var outputLosses = new double[c];
        for (var a = 0; a < c; a++)
        {
            outputLosses[a] = 0.5 * Residuals.SquaredNorm(residual.AsSpan(a * n, n)) / n;
        }

        var (testLoss, testAccuracy) = Test();
        var classes = setup.Data.Classes;
        return new TrainingRecord(step, 0.5 * norm * norm / n, testLoss, norm / initialNorm, projections,
            Math.Sqrt(Math.Max(0.0, norm * norm - inside)), stepSize, elapsed)
        {
            OutputTrainLosses = outputLosses,
            TrainAccuracy = classes is null ? null : (double)ClassLabels.CountCorrect(outputs, n, c, classes) / n,
            TestAccuracy = testAccuracy,
        };
    }

    public static string Describe(TrainingRecord record) => string.Create(CultureInfo.InvariantCulture,
        $"step {record.Step}: train loss {record.TrainLoss:G6}, relative residual {record.RelativeResidual:G4}");

    private (double? Loss, double? Accuracy) Test()
    {
        if (setup.Data.TestX is not { } testX || setup.Data.TestLabels is not { } testY)
        {
            return (null, null);
        }

        test!.Outputs(testOutputs);
        var labels = testY.AsColumnMajorArray() ?? testY.ToColumnMajorArray();
        for (var i = 0; i < testOutputs.Length; i++)
        {
            testResidual[i] = testOutputs[i] - labels[i];
        }

        var loss = 0.5 * Residuals.SquaredNorm(testResidual) / testX.RowCount;
        double? accuracy = setup.Data.TestClasses is { } classes
            ? (double)ClassLabels.CountCorrect(testOutputs, testX.RowCount, setup.Data.Outputs, classes) / testX.RowCount
            : null;
        return (loss, accuracy);
    }
}
