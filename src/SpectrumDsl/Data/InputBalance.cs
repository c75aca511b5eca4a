using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// How much of the network's input kernel Sigma0(x, z) = x.z / d + beta^2 comes from the data: the
/// mean of x.x / d (the diagonal) and of |x.z| / d over pairs of distinct points (off the diagonal),
/// against beta^2 from the bias. When both data parts are small against beta^2 every kernel entry is
/// nearly the same constant and the kernel barely sees the data (points on the unit sphere in
/// d = 784: x.x / d = 1/784); on the sphere of radius sqrt(d) the diagonal part is exactly 1.
/// </summary>
public sealed record InputBalance
{
    // Below this share of beta^2 the data changes kernel entries by about 1 % or less.
    private const double Faint = 0.01;

    private InputBalance(int count, int dimension, double diagonal, double offDiagonal, int sampleSize, double biasSquared)
    {
        Count = count;
        Dimension = dimension;
        Diagonal = diagonal;
        OffDiagonal = offDiagonal;
        SampleSize = sampleSize;
        BiasSquared = biasSquared;
    }

    /// <summary>n, the number of points.</summary>
    public int Count { get; }

    /// <summary>d, the input dimension the first layer divides by.</summary>
    public int Dimension { get; }

    /// <summary>The mean of x.x / d over all points: the data part of Sigma0(x, x).</summary>
    public double Diagonal { get; }

    /// <summary>The mean of |x.z| / d over all pairs of distinct points in the sample: the typical data part of Sigma0(x, z).</summary>
    public double OffDiagonal { get; }

    /// <summary>How many evenly spaced points the off-diagonal mean was taken over (all pairs among them).</summary>
    public int SampleSize { get; }

    /// <summary>beta^2, the bias part of every entry of Sigma0.</summary>
    public double BiasSquared { get; }

    /// <summary>True when the off-diagonal data part is below 1 % of beta^2: the kernel is then nearly constant off its diagonal.</summary>
    public bool DataIsFaint => OffDiagonal < Faint * BiasSquared && Diagonal < Faint * BiasSquared;

    /// <summary>
    /// Measures the balance for points <paramref name="x"/> (n x d, n &gt;= 2) and bias scale beta
    /// (<paramref name="biasScale"/>). The diagonal mean uses every point; the off-diagonal mean uses all
    /// pairs among at most <paramref name="sampleSize"/> evenly spaced rows (one small Gram matrix).
    /// </summary>
    public static InputBalance Measure(Matrix<double> x, double biasScale, int sampleSize = 1000)
    {
        Guard.Points(x, nameof(x));
        Guard.AtLeast(x.RowCount, 2, "x.RowCount", "Off-diagonal entries need at least two points.");
        Guard.NonNegative(biasScale, nameof(biasScale), "Use 0 for a network without bias.");
        Guard.AtLeast(sampleSize, 2, nameof(sampleSize));
        var (n, d) = (x.RowCount, x.ColumnCount);
        var diagonal = x.RowNorms(2.0).Sum(norm => norm * norm) / n / d;

        var m = Math.Min(n, sampleSize);
        var sample = Matrix<double>.Build.Dense(m, d);
        for (var k = 0; k < m; k++)
        {
            sample.SetRow(k, x.Row((int)((long)k * n / m)));
        }

        var gram = FastLinearAlgebra.Gram(sample);
        var off = 0.0;
        for (var j = 1; j < m; j++)
        {
            for (var i = 0; i < j; i++)
            {
                off += Math.Abs(gram.At(i, j));
            }
        }

        return new InputBalance(n, d, diagonal, off / (m * (m - 1.0) / 2.0) / d, m, biasScale * biasScale);
    }

    /// <summary>One or two lines for an example to print.</summary>
    public override string ToString()
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Sigma0(x, z) = x.z/d + beta^2 on {Count} points, d = {Dimension}: mean x.x/d = {Diagonal:G4}, mean |x.z|/d = {OffDiagonal:G4} (pairs of {SampleSize} points), beta^2 = {BiasSquared:G4}");
        return DataIsFaint
            ? line + Environment.NewLine + "  the data part is below 1 % of beta^2: the kernel barely sees the data; put the points on the sphere of radius sqrt(d) or lower the bias scale."
            : line;
    }
}
