using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Persistence;
using SpectrumDsl.Tests.Reliability;

namespace SpectrumDsl.Tests.Persistence;

public class TargetScalerTests
{
    [Fact]
    public void Fit_learns_each_columns_mean_and_population_deviation_and_Apply_standardises()
    {
        // Column 0: 1, 2, 3, 4 (mean 2.5, population sd sqrt(1.25)); column 1: 10, 30, 10, 30 (mean 20, sd 10).
        var y = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 10 }, { 2, 30 }, { 3, 10 }, { 4, 30 } });
        var scaler = TargetScaler.Fit(y);
        Assert.Equal([2.5, 20.0], scaler.Mean);
        Assert.Equal(Math.Sqrt(1.25), scaler.StandardDeviation[0], 15);
        Assert.Equal(10.0, scaler.StandardDeviation[1]);
        var z = scaler.Apply(y);
        Assert.Equal([-1.0, 1.0, -1.0, 1.0], z.Column(1).ToArray());
        Assert.Equal(-1.5 / Math.Sqrt(1.25), z[0, 0], 15);
        // Inverse undoes Apply up to one rounding of each of the two operations (entries at most 30: 1e-13 absolute).
        Assert.True((scaler.Inverse(z) - y).Enumerate().Max(Math.Abs) < 1e-13);
    }

    [Fact]
    public void A_constant_target_is_shifted_not_divided_and_vectors_work_like_one_column()
    {
        var y = Matrix<double>.Build.DenseOfArray(new double[,] { { 7, 1 }, { 7, 3 } });
        var scaler = TargetScaler.Fit(y);
        Assert.Equal([0], scaler.ConstantTargets);
        Assert.Equal(1.0, scaler.Scale[0]);
        Assert.Equal([0.0, 0.0], scaler.Apply(y).Column(0).ToArray());
        var single = TargetScaler.Fit(Vector<double>.Build.DenseOfArray([1.0, 3.0]));
        Assert.Equal([-1.0, 1.0], single.Apply(Vector<double>.Build.DenseOfArray([1.0, 3.0])).ToArray());
        Assert.Equal([5.0], single.Inverse(Vector<double>.Build.DenseOfArray([3.0])).ToArray());
    }

    [Fact]
    public void Bad_targets_are_refused_naming_the_parameter()
    {
        Assert.Equal("targets.RowCount", Assert.Throws<ArgumentOutOfRangeException>(() => TargetScaler.Fit(Matrix<double>.Build.Dense(1, 2))).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => TargetScaler.Fit(Matrix<double>.Build.Dense(2, 1, [1.0, double.NaN]))).ParamName);
        var scaler = TargetScaler.Fit(Matrix<double>.Build.Dense(3, 2, (i, j) => i + j));
        var error = Assert.Throws<ArgumentException>(() => scaler.Apply(Matrix<double>.Build.Dense(3, 1)));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("1 columns (outputs) but the scaler has 2", error.Message);
    }

    [Fact]
    public void A_loaded_scaler_scales_and_unscales_bit_identically()
    {
        using var directory = new TempDirectory();
        // A constant column (divisor 1) beside two with awkward means and spreads.
        var y = Matrix<double>.Build.Dense(7, 3, (i, j) => j == 1 ? 4.25 : Math.Sin(1.7 * i + j) * 1e3 + 0.1 * j);
        var scaler = TargetScaler.Fit(y);
        var path = directory.File("targets.tsc");
        scaler.Save(path);
        var loaded = TargetScaler.Load(path);
        Assert.Equal(scaler.ConstantTargets, loaded.ConstantTargets);
        var z = Matrix<double>.Build.Dense(5, 3, (i, j) => 0.3 * i - j);
        Assert.Equal(scaler.Apply(y).ToColumnMajorArray().Select(ReliabilityProblem.Bits), loaded.Apply(y).ToColumnMajorArray().Select(ReliabilityProblem.Bits));
        Assert.Equal(scaler.Inverse(z).ToColumnMajorArray().Select(ReliabilityProblem.Bits), loaded.Inverse(z).ToColumnMajorArray().Select(ReliabilityProblem.Bits));
    }

    [Fact]
    public void A_scaler_file_and_a_preprocessor_file_are_each_refused_by_the_other_reader_naming_what_they_are()
    {
        using var directory = new TempDirectory();
        var scalerPath = directory.File("targets.tsc");
        TargetScaler.Fit(Matrix<double>.Build.Dense(3, 1, [1.0, 2.0, 4.0])).Save(scalerPath);
        var asPreprocessor = Assert.Throws<ModelFileException>(() => Preprocessor.Load(scalerPath));
        Assert.Contains("is a SpectrumDsl target scaler file", asPreprocessor.Message);
        Assert.Contains("TargetScaler.Load", asPreprocessor.Message);
        var preprocessorPath = directory.File("features.pre");
        Preprocessor.Fit(Matrix<double>.Build.Dense(3, 2, (i, j) => i * i + j)).Save(preprocessorPath);
        var asScaler = Assert.Throws<ModelFileException>(() => TargetScaler.Load(preprocessorPath));
        Assert.Contains("is a SpectrumDsl preprocessor file", asScaler.Message);
        var bytes = File.ReadAllBytes(scalerPath);
        File.WriteAllBytes(scalerPath, bytes[..^1]);
        var truncated = Assert.Throws<ModelFileException>(() => TargetScaler.Load(scalerPath));
        Assert.Contains("truncated", truncated.Message);
        Assert.Contains("Fit the scaler again", truncated.Message);
    }
}
