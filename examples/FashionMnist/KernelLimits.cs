using MathNet.Numerics.LinearAlgebra;

namespace FashionMnist;

/// <summary>
/// The two NTK kernel-regression predictors the example compares against, from one fit. From the network's initial
/// output, f_0(x) + K(x, X) K^-1 (Y - f_0(X)): the predictor GD and PGD converge to in the wide regime (every update
/// lies in the row space of J, docs/design.md#preconditioner), so the one a user's training actually approaches.
/// From zero, K(x, X) K^-1 Y: the interpolant that ignores the initial network, the usual kernel baseline.
/// </summary>
public static class KernelLimits
{
    /// <summary>The labels one fit takes for both limits: [Y, Y - F_0(X)], n x 2c.</summary>
    /// <param name="targets">Y, n x c.</param>
    /// <param name="initialTrain">F_0(X), the initial network's outputs on the training points, n x c.</param>
    public static Matrix<double> Labels(Matrix<double> targets, Matrix<double> initialTrain)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(initialTrain);
        if (targets.RowCount != initialTrain.RowCount || targets.ColumnCount != initialTrain.ColumnCount)
        {
            throw new ArgumentException(
                $"initialTrain is {initialTrain.RowCount} x {initialTrain.ColumnCount} but targets are {targets.RowCount} x {targets.ColumnCount}: "
                + "both hold one row per training point and one column per output.", nameof(initialTrain));
        }

        return targets.Append(targets - initialTrain);
    }

    /// <summary>Splits the fit's predictions at test points, m x 2c, into the two limits' outputs, m x c each.</summary>
    /// <param name="predicted">K(x, X) K^-1 [Y, Y - F_0(X)] at the test points.</param>
    /// <param name="initialTest">F_0 at the test points, m x c.</param>
    public static (Matrix<double> FromInitialOutput, Matrix<double> FromZero) Split(Matrix<double> predicted, Matrix<double> initialTest)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(initialTest);
        var c = initialTest.ColumnCount;
        if (predicted.RowCount != initialTest.RowCount || predicted.ColumnCount != 2 * c)
        {
            throw new ArgumentException(
                $"predicted is {predicted.RowCount} x {predicted.ColumnCount} but must be {initialTest.RowCount} x {2 * c}: the fit of [Y, Y - F_0(X)] at the test points.",
                nameof(predicted));
        }

        var fromZero = predicted.SubMatrix(0, predicted.RowCount, 0, c);
        var fromInitialOutput = initialTest + predicted.SubMatrix(0, predicted.RowCount, c, c);
        return (fromInitialOutput, fromZero);
    }
}
