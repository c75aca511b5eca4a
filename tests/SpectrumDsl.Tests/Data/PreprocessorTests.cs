using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Data;

/// <summary>Statistics fitted on training data, applied unchanged to test data, against hand-computed values.</summary>
public class PreprocessorTests
{
    // Feature 0 has mean 3 and population variance ((1-3)^2 + 0 + (5-3)^2) / 3 = 8/3; feature 1 is constant 2.
    private static readonly Matrix<double> Training = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 2 }, { 5, 2 } });

    // Round-off of a few operations on numbers of order 1: 1e-14 leaves two orders of magnitude of margin.
    private const double Tolerance = 1e-14;

    [Fact]
    public void Fitted_statistics_are_the_training_mean_and_population_standard_deviation()
    {
        var fitted = Preprocessor.Fit(Training);

        Assert.Equal([3.0, 2.0], fitted.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), fitted.StandardDeviation[0], Tolerance);
        Assert.Equal(0.0, fitted.StandardDeviation[1]);
        Assert.Equal([1], fitted.ConstantFeatures);
        Assert.Equal(2, fitted.InputDimension);
        Assert.Equal(2, fitted.OutputDimension);
    }

    [Fact]
    public void Test_points_are_transformed_with_the_training_statistics_and_constant_features_are_only_centred()
    {
        var fitted = Preprocessor.Fit(Training, new PreprocessOptions { Sphere = SphereProjection.None });
        var test = Matrix<double>.Build.DenseOfArray(new double[,] { { 7, 5 }, { 3, 2.5 } });

        var z = fitted.Apply(test);

        // Training statistics, not the test set's own (whose mean would be (5, 3.75)).
        Assert.Equal((7 - 3) / Math.Sqrt(8.0 / 3.0), z[0, 0], Tolerance);
        Assert.Equal(5 - 2, z[0, 1], Tolerance);
        Assert.Equal(0.0, z[1, 0], Tolerance);
        Assert.Equal(0.5, z[1, 1], Tolerance);
    }

    [Fact]
    public void Points_land_on_the_sphere_of_radius_sqrt_d_by_default_and_on_the_unit_sphere_when_asked()
    {
        var training = Numerics.RandomPoints(50, 7, seed: 3);
        var test = Numerics.RandomPoints(20, 7, seed: 4);

        var byDefault = Preprocessor.Fit(training).Apply(test);
        var unit = Preprocessor.Fit(training, new PreprocessOptions { Sphere = SphereProjection.Unit }).Apply(test);

        for (var i = 0; i < test.RowCount; i++)
        {
            // |x|^2 = d, i.e. x.x / d = 1, the scale the first layer's x.z / d expects.
            Assert.Equal(7.0, byDefault.Row(i).DotProduct(byDefault.Row(i)), 1e-12);
            Assert.Equal(1.0, unit.Row(i).L2Norm(), 1e-14);
            // Same direction: only the radius differs.
            Assert.True((byDefault.Row(i) / Math.Sqrt(7) - unit.Row(i)).L2Norm() < 1e-14);
        }
    }

    [Fact]
    public void Principal_directions_of_a_hand_made_cloud_are_found_and_points_take_their_coordinates()
    {
        // x = mean + a u + b v with u = (1, 1, 0)/sqrt 2 and v = (0, 0, 1); a has variance 4 and b variance 1,
        // and they are uncorrelated (sum a b = 0), so u and v are the principal directions with variances 4 and 1.
        double[] a = [2, -2, 2, -2];
        double[] b = [1, 1, -1, -1];
        var s = 1 / Math.Sqrt(2);
        var mean = new[] { 10.0, -5.0, 3.0 };
        var training = Matrix<double>.Build.Dense(4, 3, (i, j) => mean[j] + a[i] * (j < 2 ? s : 0) + b[i] * (j == 2 ? 1 : 0));

        var fitted = Preprocessor.Fit(training, new PreprocessOptions { Scale = false, Components = 2, Sphere = SphereProjection.None });

        // Dense 3 x 3 eigensolver: eigenpairs accurate to a few ulps of the largest eigenvalue (4).
        Assert.Equal(4.0, fitted.ComponentVariances![0], 1e-13);
        Assert.Equal(1.0, fitted.ComponentVariances[1], 1e-13);
        var directions = fitted.Directions!;
        // Sign convention: the largest-magnitude entry is positive (the first of u's two equal entries).
        Assert.True((directions.Column(0) - Vector<double>.Build.DenseOfArray([s, s, 0])).L2Norm() < 1e-13);
        Assert.True((directions.Column(1) - Vector<double>.Build.DenseOfArray([0, 0, 1])).L2Norm() < 1e-13);

        // A new point's coordinates are its offsets from the TRAINING mean along u and v.
        var test = Matrix<double>.Build.DenseOfRowArrays([mean[0] + 3 * s, mean[1] + 3 * s, mean[2] - 0.5]);
        var projected = fitted.Apply(test);
        Assert.Equal(2, fitted.OutputDimension);
        Assert.Equal(3.0, projected[0, 0], 1e-13);
        Assert.Equal(-0.5, projected[0, 1], 1e-13);
    }

    [Fact]
    public void An_appended_constant_is_one_more_coordinate_before_the_sphere_projection()
    {
        var plain = Preprocessor.Fit(Training, new PreprocessOptions { Scale = false, AppendConstant = 2.0, Sphere = SphereProjection.None });
        var z = plain.Apply(Training);
        Assert.Equal(3, plain.OutputDimension);
        Assert.Equal([2.0, 2.0, 2.0], z.Column(2).ToArray());
        Assert.Equal([-2.0, 0.0, 2.0], z.Column(0).ToArray());

        // On the sphere (radius sqrt 3): the training mean itself becomes (0, 0, sqrt 3), and (5, 2) -> (2, 0, 2) * sqrt(3) / sqrt(8).
        var sphere = Preprocessor.Fit(Training, new PreprocessOptions { Scale = false, AppendConstant = 2.0 });
        var y = sphere.Apply(Training);
        Assert.Equal(Math.Sqrt(3), sphere.Radius, Tolerance);
        Assert.Equal(Math.Sqrt(3), y[1, 2], Tolerance);
        Assert.Equal(0.0, y[1, 0], Tolerance);
        Assert.Equal(2 * Math.Sqrt(3.0 / 8.0), y[2, 0], Tolerance);
        Assert.Equal(2 * Math.Sqrt(3.0 / 8.0), y[2, 2], Tolerance);
    }

    [Fact]
    public void A_point_equal_to_the_training_mean_cannot_go_on_a_sphere_and_is_refused_by_row()
    {
        var fitted = Preprocessor.Fit(Training);
        var error = Assert.Throws<ArgumentException>(() => fitted.Apply(Training));
        Assert.Equal("points", error.ParamName);
        Assert.Contains("points row 1 is zero after preprocessing", error.Message);
        Assert.Contains("AppendConstant", error.Message);
    }

    [Fact]
    public void Apply_does_not_change_the_fitted_state_or_its_input()
    {
        var training = Numerics.RandomPoints(30, 4, seed: 5);
        var copy = training.Clone();
        var fitted = Preprocessor.Fit(training, new PreprocessOptions { Components = 3 });
        var first = fitted.Apply(training);
        fitted.Directions![0, 0] = 99;   // a copy: the fitted directions stay as they were
        Assert.Equal(first, fitted.Apply(training));
        Assert.Equal(copy, training);
    }

    [Fact]
    public void Misuse_is_refused_with_the_rule()
    {
        var training = Numerics.RandomPoints(5, 4, seed: 6);
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => Preprocessor.Fit(training, new PreprocessOptions { Components = 5 }));
        Assert.Contains("min(d, n - 1) = 4", tooMany.Message);
        Assert.Throws<ArgumentException>(() => Preprocessor.Fit(training, new PreprocessOptions { Components = 2, Centre = false }));
        var wrongDimension = Assert.Throws<ArgumentException>(() => Preprocessor.Fit(training).Apply(Numerics.RandomPoints(2, 3, seed: 7)));
        Assert.Contains("3 columns", wrongDimension.Message);
        Assert.Throws<ArgumentException>(() => Preprocessor.Fit(Matrix<double>.Build.Dense(4, 2, 1.0)));
    }
}
