using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;
using SpectrumDsl.Regression;
using SpectrumDsl.Training;

namespace SpectralBias;

/// <summary>
/// One row of the "same solution" table: at one tolerance, the relative L2 differences on the test points between
/// the GD network, the PGD network and the linearised limit f_0(x) + K(x, X) K^-1 (y - f_0(X)), all divided by
/// ||limit|| so the three columns share one scale. Null where an optimizer did not reach the tolerance.
/// </summary>
public sealed record SameSolutionRow(int Frequency, double Tolerance, double? GdVsPgd, double? GdVsLimit, double? PgdVsLimit, int? GdSteps, int? PgdSteps);

/// <summary>
/// Builds the rows from one GD and one PGD run to the final tolerance: each run's <see cref="TrainingResult.Milestones"/>
/// give its networks at the decades above it, its final network the last row (docs/design.md#preconditioner).
/// </summary>
internal static class SameSolution
{
    public static IReadOnlyList<SameSolutionRow> Rows(int frequency, double tolerance, Vector<double> limit, Matrix<double> testX,
        TrainingResult gd, TrainingResult pgd)
    {
        var scale = limit.L2Norm();
        var tolerances = gd.Milestones.Concat(pgd.Milestones).Select(m => m.Tolerance).Append(tolerance).Distinct().OrderDescending();
        return tolerances.Select(t =>
        {
            var (gdSteps, gdTest) = At(gd, t);
            var (pgdSteps, pgdTest) = At(pgd, t);
            return new SameSolutionRow(frequency, t, Difference(gdTest, pgdTest), Difference(gdTest, limit), Difference(pgdTest, limit), gdSteps, pgdSteps);
        }).ToArray();

        (int? Steps, Vector<double>? Test) At(TrainingResult run, double t)
        {
            if (t == tolerance)
            {
                return run.Converged ? (run.StepsTaken, run.Predict(testX)) : (null, null);
            }

            var milestone = run.Milestones.FirstOrDefault(m => m.Tolerance == t);
            return milestone is null ? (null, null) : (milestone.Step, run.NetworkAt(milestone).Predict(testX));
        }

        double? Difference(Vector<double>? a, Vector<double>? b) => a is null || b is null ? null : (a - b).L2Norm() / scale;
    }

    /// <summary>The linearised (infinite-width) limit of both GD and PGD from the network's initial output, on the test points.</summary>
    public static Vector<double> Limit(TrainerConfig config, Matrix<double> trainX, Vector<double> y, Matrix<double> testX)
    {
        var initial = FullyConnectedNetwork.Create(config.Architecture, trainX.ColumnCount, config.Width, config.Seed);
        var fit = KernelRegression.Fit(config.Architecture.Ntk(), trainX, y - initial.Predict(trainX));
        return initial.Predict(testX) + fit.Predict(testX);
    }
}
