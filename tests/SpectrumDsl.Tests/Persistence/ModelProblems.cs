using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;

namespace SpectrumDsl.Tests.Persistence;

/// <summary>
/// Small problems on raw data in a user's units, so that a saved model needs its preprocessor and target scaler:
/// four features of very different scales (one a combination of two others), and a target around 1000 with a spread of
/// about 200.
/// </summary>
internal static class ModelProblems
{
    public static readonly Matrix<double> RawX = Raw(48, seed: 21);
    public static readonly Matrix<double> RawTestX = Raw(20, seed: 22);
    public static readonly Vector<double> RawY = Target(RawX);
    public static readonly Vector<double> RawTestY = Target(RawTestX);

    // Three classes by the sign pattern of the first two (standardised) features.
    public static readonly int[] Classes = ClassesOf(RawX);
    public static readonly int[] TestClasses = ClassesOf(RawTestX);

    /// <summary>Centre, scale, keep the top 2 principal directions, append a constant, put on the sphere of radius sqrt(3): 4 raw features become 3.</summary>
    public static readonly PreprocessOptions Options = new() { Components = 2, AppendConstant = 0.5 };

    /// <summary>A short PGD run (tolerance 1e-9: the whole budget is used).</summary>
    public static readonly TrainerConfig Config = new()
    {
        Width = 128, Rank = 5, Steps = 60, Seed = 3, Tolerance = 1e-9, RecordInterval = 10,
        Architecture = NetworkArchitecture.Relu(1, 1.0),
    };

    /// <summary>Trains on the preprocessed points and scaled targets; returns the pieces a model file holds.</summary>
    public static (TrainingResult Result, Preprocessor Preprocessor, TargetScaler Scaler) TrainRegression(TrainerConfig? config = null)
    {
        var preprocessor = Preprocessor.Fit(RawX, Options);
        var scaler = TargetScaler.Fit(RawY);
        var result = new Trainer(config ?? Config).Run(preprocessor.Apply(RawX), scaler.Apply(RawY), preprocessor.Apply(RawTestX), scaler.Apply(RawTestY));
        return (result, preprocessor, scaler);
    }

    /// <summary>A classification run on the preprocessed points.</summary>
    public static (TrainingResult Result, Preprocessor Preprocessor) TrainClassifier(TrainerConfig? config = null)
    {
        var preprocessor = Preprocessor.Fit(RawX, Options);
        var result = new Trainer(config ?? Config).Run(preprocessor.Apply(RawX), Classes, preprocessor.Apply(RawTestX), TestClasses);
        return (result, preprocessor);
    }

    private static Matrix<double> Raw(int count, int seed)
    {
        var random = new Random(seed);
        var u = Matrix<double>.Build.Dense(count, 3, (_, _) => 2.0 * random.NextDouble() - 1.0);
        return Matrix<double>.Build.Dense(count, 4, (i, j) => j switch
        {
            0 => 2.0 * u[i, 0],
            1 => 100.0 + 50.0 * u[i, 1],
            2 => 0.01 * u[i, 2],
            _ => u[i, 0] + u[i, 1],
        });
    }

    private static Vector<double> Target(Matrix<double> raw) =>
        Vector<double>.Build.Dense(raw.RowCount, i => 1000.0 + 200.0 * (Math.Sin(raw[i, 0]) + (raw[i, 1] - 100.0) / 50.0 * raw[i, 2] * 100.0));

    private static int[] ClassesOf(Matrix<double> raw) =>
        Enumerable.Range(0, raw.RowCount).Select(i => raw[i, 0] < 0 ? 0 : raw[i, 1] < 100.0 ? 1 : 2).ToArray();
}
