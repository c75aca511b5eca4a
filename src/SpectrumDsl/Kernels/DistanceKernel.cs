using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Kernels;

/// <summary>
/// Kernels of the squared distance |x - z|^2, computed as |x|^2 + |z|^2 - 2 x.z from one
/// matrix product. On the sphere |x - z|^2 = 2 - 2t, so they are dot-product kernels there.
/// </summary>
public abstract class DistanceKernel : ISphericalKernel
{
    private protected DistanceKernel(double bandwidth)
    {
        Guard.Satisfies(SettingRules.Bandwidth(bandwidth, nameof(bandwidth)), nameof(bandwidth), bandwidth);
        Bandwidth = bandwidth;
    }

    /// <summary>The length scale sigma.</summary>
    public double Bandwidth { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The kernel as a function of the squared distance.</summary>
    protected abstract double OfSquaredDistance(double squaredDistance);

    /// <inheritdoc />
    public double Evaluate(Vector<double> x, Vector<double> z)
    {
        KernelInputs.CheckPair(x, z);
        var squared = 0.0;
        for (var i = 0; i < x.Count; i++)
        {
            var difference = x.At(i) - z.At(i);
            squared += difference * difference;
        }

        return OfSquaredDistance(squared);
    }

    /// <inheritdoc />
    public Matrix<double> Gram(Matrix<double> x)
    {
        KernelInputs.CheckGram(x);
        var norms = PointProducts.SquaredNorms(x);
        var result = PointProducts.Gram(x);
        Map(result, norms, norms);
        // The distance of a point to itself is exactly 0, whatever the round-off of the product.
        for (var i = 0; i < x.RowCount; i++)
        {
            result.At(i, i, OfSquaredDistance(0.0));
        }

        return result;
    }

    /// <inheritdoc />
    public Matrix<double> Cross(Matrix<double> xNew, Matrix<double> x)
    {
        KernelInputs.CheckCross(xNew, x);
        var result = PointProducts.Cross(xNew, x);
        Map(result, PointProducts.SquaredNorms(xNew), PointProducts.SquaredNorms(x));
        return result;
    }

    /// <inheritdoc />
    public double OnSphere(double t, int dimension) => OfSquaredDistance(Math.Max(0.0, 2.0 - 2.0 * t));

    private void Map(Matrix<double> products, double[] rowNorms, double[] columnNorms)
    {
        var values = products.AsColumnMajorArray();
        var rows = products.RowCount;
        for (var column = 0; column < products.ColumnCount; column++)
        {
            for (var row = 0; row < rows; row++)
            {
                var index = column * rows + row;
                var squared = Math.Max(0.0, rowNorms[row] + columnNorms[column] - 2.0 * values[index]);
                values[index] = OfSquaredDistance(squared);
            }
        }
    }
}

/// <summary>The Gaussian kernel exp(-|x - z|^2 / (2 sigma^2)).</summary>
public sealed class GaussianKernel : DistanceKernel
{
    /// <summary>A Gaussian kernel with length scale <paramref name="bandwidth"/> (sigma &gt; 0).</summary>
    public GaussianKernel(double bandwidth) : base(bandwidth)
    {
    }

    /// <inheritdoc />
    public override string Name => $"Gaussian (bandwidth {Guard.Format(Bandwidth)})";

    /// <inheritdoc />
    protected override double OfSquaredDistance(double squaredDistance) =>
        Math.Exp(-squaredDistance / (2.0 * Bandwidth * Bandwidth));
}

/// <summary>The Laplace kernel exp(-|x - z| / sigma).</summary>
public sealed class LaplaceKernel : DistanceKernel
{
    /// <summary>A Laplace kernel with length scale <paramref name="bandwidth"/> (sigma &gt; 0).</summary>
    public LaplaceKernel(double bandwidth) : base(bandwidth)
    {
    }

    /// <inheritdoc />
    public override string Name => $"Laplace (bandwidth {Guard.Format(Bandwidth)})";

    /// <inheritdoc />
    protected override double OfSquaredDistance(double squaredDistance) => Math.Exp(-Math.Sqrt(squaredDistance) / Bandwidth);
}
