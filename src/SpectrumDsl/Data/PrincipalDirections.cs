using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Data;

/// <summary>
/// The top p eigenvectors of the covariance C = Z^T Z / n of centred training data Z (d x d), as the
/// columns of a d x p matrix, with their variances (the eigenvalues).
/// </summary>
internal static class PrincipalDirections
{
    public static (Matrix<double> Directions, double[] Variances) Of(Matrix<double> centred, int count)
    {
        var covariance = FastLinearAlgebra.TransposeAndMultiply(centred, centred);
        Symmetrise(covariance, 1.0 / centred.RowCount);
        var top = EigenSolver.Top(covariance, count);
        var directions = Matrix<double>.Build.DenseOfColumnMajor(centred.ColumnCount, count, top.Vectors.ToColumnMajorArray());
        FixSigns(directions);
        return (directions, top.Values.ToArray());
    }

    // The blocked product need not round (i, j) and (j, i) identically; the eigensolver wants exact symmetry.
    private static void Symmetrise(Matrix<double> matrix, double scale)
    {
        var d = matrix.RowCount;
        var values = matrix.AsColumnMajorArray();
        for (var j = 0; j < d; j++)
        {
            for (var i = 0; i <= j; i++)
            {
                var mean = 0.5 * scale * (values[j * d + i] + values[i * d + j]);
                values[j * d + i] = mean;
                values[i * d + j] = mean;
            }
        }
    }

    // An eigenvector is defined up to sign, and the sign differs between LAPACK and the managed solver.
    // Making each direction's largest-magnitude entry (the first, on ties) positive gives every backend,
    // and every run, the same coordinates.
    private static void FixSigns(Matrix<double> directions)
    {
        var d = directions.RowCount;
        var values = directions.AsColumnMajorArray();
        for (var k = 0; k < directions.ColumnCount; k++)
        {
            var column = values.AsSpan(k * d, d);
            var largest = 0;
            for (var i = 1; i < d; i++)
            {
                if (Math.Abs(column[i]) > Math.Abs(column[largest]))
                {
                    largest = i;
                }
            }

            if (column[largest] < 0)
            {
                foreach (ref var value in column)
                {
                    value = -value;
                }
            }
        }
    }
}
