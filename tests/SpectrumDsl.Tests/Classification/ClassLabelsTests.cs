using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;

namespace SpectrumDsl.Tests.Classification;

public class ClassLabelsTests
{
    [Fact]
    public void Centred_one_hot_rows_hold_one_minus_one_over_c_at_the_class_and_minus_one_over_c_elsewhere()
    {
        var targets = ClassLabels.CentredOneHot([2, 0, 2, 1], classes: 4);

        var expected = new double[,]
        {
            { -0.25, -0.25, 0.75, -0.25 },
            { 0.75, -0.25, -0.25, -0.25 },
            { -0.25, -0.25, 0.75, -0.25 },
            { -0.25, 0.75, -0.25, -0.25 },
        };
        Assert.Equal(expected, targets.ToArray());   // quarters are exact in binary
    }

    [Fact]
    public void Centred_one_hot_rows_sum_to_zero()
    {
        var targets = ClassLabels.CentredOneHot([0, 1, 2, 2, 1], classes: 3);
        for (var i = 0; i < targets.RowCount; i++)
        {
            // (1 - 1/3) - 1/3 - 1/3 in floating point: a few ulps of 1 at most.
            Assert.Equal(0.0, targets.Row(i).Sum(), 1e-15);
            Assert.Equal(2.0 / 3.0, targets.Row(i).Maximum(), 1e-15);
        }
    }

    [Fact]
    public void Labels_outside_zero_to_c_minus_one_are_refused_naming_row_value_and_the_outputs_needed()
    {
        var tooLarge = Assert.Throws<ArgumentException>(() => ClassLabels.Validate([0, 3, 9, 10, 2], classes: 10));
        Assert.Equal("labels", tooLarge.ParamName);
        Assert.Contains("in 0..9 for 10 classes (outputs) but row 3 has 10", tooLarge.Message);
        Assert.Contains("give the network 11 outputs", tooLarge.Message);

        var negative = Assert.Throws<ArgumentException>(() => ClassLabels.CentredOneHot([1, -1], classes: 2));
        Assert.Contains("row 1 has -1", negative.Message);
        Assert.Contains("count from 0", negative.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => ClassLabels.Validate([0, 0], classes: 1));
        ClassLabels.Validate([0, 1, 1], classes: 2);   // valid labels pass silently
    }

    [Fact]
    public void Argmax_picks_the_largest_output_and_the_lowest_index_on_ties()
    {
        var outputs = Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 0.1, 0.7, 0.2 },
            { 1.0, 1.0, 0.0 },    // tie between 0 and 1
            { -3.0, -1.0, -1.0 }, // tie between 1 and 2
            { 5.0, 5.0, 5.0 },    // all equal
            { -2.0, -5.0, 4.0 },
        });

        Assert.Equal([1, 0, 1, 0, 2], ClassLabels.Argmax(outputs));
    }

    [Fact]
    public void Argmax_refuses_non_finite_outputs_with_their_position()
    {
        var outputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { double.NaN, 0 } });
        var error = Assert.Throws<ArgumentException>(() => ClassLabels.Argmax(outputs));
        Assert.Contains("(1, 0)", error.Message);
    }
}
