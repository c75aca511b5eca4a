namespace SpectrumDsl.Tests.Support;

/// <summary>
/// erf from the series erf(x) = (2/sqrt(pi)) exp(-x^2) sum_n (2 x^2)^n x / (2n+1)!!, independent of the library's
/// erf. Every term has the sign of x, so there is no cancellation: the sum is within a few ulps for any |x| &lt;= 6
/// (beyond, erf is 1 to double precision and the series would need too many terms).
/// </summary>
internal static class ErfSeries
{
    public static double Erf(double x)
    {
        if (Math.Abs(x) > 6)
        {
            return Math.Sign(x);
        }

        double term = x, sum = x, twoX2 = 2 * x * x;
        for (var n = 1; n < 400 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
        {
            term *= twoX2 / (2 * n + 1);
            sum += term;
        }

        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }
}
