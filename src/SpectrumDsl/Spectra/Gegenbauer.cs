namespace SpectrumDsl.Spectra;

/// <summary>
/// Gegenbauer polynomials C_k^((d-2)/2) normalised to P_k(1) = 1: the zonal harmonics of
/// S^(d-1) (Chebyshev T_k for d = 2, Legendre for d = 3).
/// </summary>
public static class Gegenbauer
{
    /// <summary>P_k(t) on S^(d-1), by the three-term recurrence.</summary>
    public static double Normalized(int degree, int dimension, double t)
    {
        CheckDegree(degree);
        CheckDimension(dimension);
        if (degree == 0)
        {
            return 1.0;
        }

        // (k + d - 3) P_k = (2k + d - 4) t P_(k-1) - (k - 1) P_(k-2), valid for d >= 2, k >= 2.
        var previous = 1.0;
        var current = t;
        for (var k = 2; k <= degree; k++)
        {
            var next = ((2.0 * k + dimension - 4) * t * current - (k - 1.0) * previous) / (k + dimension - 3.0);
            previous = current;
            current = next;
        }

        return current;
    }

    internal static void CheckDegree(int degree)
    {
        if (degree < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, $"degree must be >= 0 but was {degree}.");
        }
    }

    internal static void CheckDimension(int dimension)
    {
        if (dimension < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension,
                $"dimension must be >= 2 (the sphere S^(d-1) lives in R^d) but was {dimension}.");
        }
    }
}
