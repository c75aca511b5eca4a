using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Tests.Support;

namespace SpectrumDsl.Tests.Data;

/// <summary>The data part of Sigma0 = x.z/d + beta^2 against beta^2.</summary>
public class InputBalanceTests
{
    [Fact]
    public void Diagonal_and_off_diagonal_parts_match_a_hand_computation()
    {
        // d = 2: x.x/d = 2, 0.5, 1 (mean 7/6); x.z/d for the pairs: (2 * 1 + 0)/2 = 1, (2 * 1 + 0 * 1)/2 = 1, (1 * 1 + 0)/2 = 0.5, so |.| mean 5/6.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0 }, { 1, 0 }, { 1, 1 } });

        var balance = InputBalance.Measure(x, biasScale: 0.5);

        Assert.Equal(7.0 / 6.0, balance.Diagonal, 1e-15);
        Assert.Equal(5.0 / 6.0, balance.OffDiagonal, 1e-15);
        Assert.Equal(0.25, balance.BiasSquared);
        Assert.Equal(3, balance.SampleSize);
        Assert.False(balance.DataIsFaint);
    }

    [Fact]
    public void On_the_unit_sphere_in_high_dimension_the_data_is_faint_and_on_radius_sqrt_d_it_is_not()
    {
        var training = Numerics.RandomPoints(300, 784, seed: 8);
        var unit = Preprocessor.Fit(training, new PreprocessOptions { Sphere = SphereProjection.Unit }).Apply(training);
        var wide = Preprocessor.Fit(training).Apply(training);

        var faint = InputBalance.Measure(unit, biasScale: 1.0, sampleSize: 100);
        var visible = InputBalance.Measure(wide, biasScale: 1.0, sampleSize: 100);

        // x.x/d is exactly 1/d on the unit sphere and exactly 1 on radius sqrt(d), up to round-off of 784-term sums.
        Assert.Equal(1.0 / 784, faint.Diagonal, 1e-15);
        Assert.Equal(1.0, visible.Diagonal, 1e-12);
        Assert.True(faint.DataIsFaint);
        Assert.False(visible.DataIsFaint);
        Assert.Contains("barely sees the data", faint.ToString());
        Assert.DoesNotContain("barely", visible.ToString());
        Assert.Equal(100, visible.SampleSize);
    }
}
