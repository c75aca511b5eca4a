using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Spectra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>Points and targets on the unit sphere S^(d-1) in R^d.</summary>
public static class Sphere
{
    /// <summary><paramref name="count"/> independent uniform points on S^(d-1), one per row, reproducible from <paramref name="seed"/>.</summary>
    public static Matrix<double> Sample(int count, int dimension, int seed)
    {
        Guard.AtLeast(count, 1, nameof(count));
        Gegenbauer.CheckDimension(dimension);
        var sampler = new GaussianSampler(seed);
        var points = Matrix<double>.Build.Dense(count, dimension);
        var row = new double[dimension];
        for (var i = 0; i < count; i++)
        {
            double norm;
            do
            {
                sampler.Fill(row);
                norm = Math.Sqrt(row.Sum(value => value * value));
            }
            while (norm < 1e-12);

            for (var j = 0; j < dimension; j++)
            {
                points.At(i, j, row[j] / norm);
            }
        }

        return points;
    }

    /// <summary>Points on the unit circle at the given angles: (cos theta, sin theta).</summary>
    public static Matrix<double> Circle(IReadOnlyList<double> angles)
    {
        Guard.NotNull(angles, nameof(angles));
        for (var i = 0; i < angles.Count; i++)
        {
            if (!double.IsFinite(angles[i]))
            {
                throw new ArgumentException($"angles must be finite but entry {i} is {Guard.Format(angles[i])}.", nameof(angles));
            }
        }

        return Matrix<double>.Build.Dense(angles.Count, 2, (i, j) => j == 0 ? Math.Cos(angles[i]) : Math.Sin(angles[i]));
    }

    /// <summary>
    /// The zonal harmonic y(x) = P_k(x . pole) of degree k at every row of <paramref name="points"/>
    /// (on the circle with pole (1, 0): cos(k theta)).
    /// </summary>
    public static Vector<double> ZonalHarmonic(Matrix<double> points, int degree, Vector<double> pole)
    {
        Guard.Points(points, nameof(points));
        Guard.Finite(pole, nameof(pole));
        Guard.SameLength(pole.Count, nameof(pole), points.ColumnCount, "the points' dimension");
        var norm = pole.L2Norm();
        if (Math.Abs(norm - 1.0) > 1e-12)
        {
            throw new ArgumentException($"pole must be a unit vector but its norm is {Guard.Format(norm)}; divide it by its norm.", nameof(pole));
        }

        var products = points * pole;
        return Vector<double>.Build.Dense(points.RowCount, i => Gegenbauer.Normalized(degree, points.ColumnCount, Math.Clamp(products[i], -1.0, 1.0)));
    }

    /// <summary>The first standard basis vector e_1 of R^d, the default pole.</summary>
    public static Vector<double> NorthPole(int dimension)
    {
        Gegenbauer.CheckDimension(dimension);
        var pole = Vector<double>.Build.Dense(dimension);
        pole[0] = 1.0;
        return pole;
    }
}
