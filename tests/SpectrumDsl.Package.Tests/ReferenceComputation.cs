using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Training;

namespace SpectrumDsl.Package.Tests;

/// <summary>
/// What every consumer computes, done here in-process against the project build: the MSK of a flat-top
/// spectrum (ReLU NTK, depth 1, bias 1, target lambda_k, rank 3) on seven points of S^2, and a short
/// training run with the same spectrum.
/// </summary>
internal static class ReferenceComputation
{
    /// <summary>Points on the unit sphere S^2, written out so the consumers and this test share them exactly.</summary>
    public static readonly double[][] Points =
    [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [0.6, 0.8, 0],
        [0, 0.6, -0.8],
        [-0.48, 0.6, 0.64],
        [0.36, -0.48, 0.8],
    ];

    /// <summary>The training labels: the first coordinate of each point.</summary>
    public static double[] Labels => Points.Select(point => point[0]).ToArray();

    /// <summary>The short training run: width 64, 5 steps, seed 1, on the spectrum's architecture, rank and target.</summary>
    public static TrainerConfig Training { get; } = new()
    {
        Architecture = NetworkArchitecture.Relu(1, 1.0),
        Rank = 3,
        Target = SpectrumTarget.Parse("lambda_k"),
        Width = 64,
        Steps = 5,
        Seed = 1,
    };

    /// <summary>The points as a C# (<paramref name="fsharp"/> false) or F# array-of-arrays literal.</summary>
    public static string Literal(bool fsharp) => fsharp
        ? "[| " + string.Join("; ", Points.Select(row => "[| " + string.Join("; ", row.Select(Number)) + " |]")) + " |]"
        : "[" + string.Join(", ", Points.Select(row => "new double[] { " + string.Join(", ", row.Select(Number)) + " }")) + "]";

    /// <summary>
    /// Gram entries (0, 1) and (3, 5), the MSK between (0, 0.8, 0.6) and the first point, the target
    /// g(0.5, 2) with lambda_k = 0.25, and the training run's final residual norm and step count.
    /// </summary>
    public static double[] Expected()
    {
        var x = Matrix<double>.Build.DenseOfRowArrays(Points);
        var spec = new SpectrumSpec(NetworkArchitecture.Relu(1, 1.0).Ntk(), SpectrumTarget.Parse("lambda_k"), 3);
        var msk = spec.BuildKernel(x);
        var gram = msk.TrainingGram();
        var fresh = msk.Evaluate(Vector<double>.Build.DenseOfArray([0.0, 0.8, 0.6]), x.Row(0));
        var trained = new Trainer(Training).Run(x, Vector<double>.Build.DenseOfArray(Labels));
        return [gram[0, 1], gram[3, 5], fresh, 0.25, trained.FinalResidual.L2Norm(), trained.StepsTaken];
    }

    /// <summary>Asserts that a consumer printed <see cref="Expected"/>.</summary>
    public static void AssertPrinted(double[] printed)
    {
        var expected = Expected();
        Assert.Equal(expected.Length, printed.Length);
        for (var index = 0; index < expected.Length; index++)
        {
            // Same code and inputs; only the summation order of parallel kernels could differ.
            Assert.True(Math.Abs(printed[index] - expected[index]) <= 1e-12 * Math.Max(1, Math.Abs(expected[index])),
                $"value {index}: consumer printed {printed[index]:R}, in-process {expected[index]:R}");
        }
        Assert.True(printed[3] == 0.25, "the target must return lambda_k.");
    }

    private static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // F# float literals need a decimal point or exponent; C# accepts both forms.
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
