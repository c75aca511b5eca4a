namespace SpectrumDsl.Tests.Support;

/// <summary>
/// How far any LAPACK (reference LAPACK, OpenBLAS with any kernel or thread count) or the managed solver may move a
/// symmetric eigenvalue: their algorithms are backward stable, so the computed eigenvalues are the exact ones of A + E
/// with ||E|| &lt;= p(n) eps ||A||, and by Weyl's inequality each eigenvalue moves by at most ||E||. LAPACK's own error
/// bounds take p(n) as a modest multiple of n; <see cref="Factor"/> = 10 covers that and the rounding of forming the
/// matrix, and is still orders of magnitude below any mistake in what the library computes from the eigenpairs.
/// Tests compare eigen outputs with this bound, in the units of the quantity, never to a fixed number of decimals.
/// </summary>
internal static class EigenRoundOff
{
    /// <summary>Machine epsilon, 2^-52 (not <see cref="double.Epsilon"/>, the smallest subnormal).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The small multiple of n eps ||A|| allowed.</summary>
    public const double Factor = 10;

    /// <summary>The absolute bound on an eigenvalue error of an <paramref name="n"/> x <paramref name="n"/> matrix of 2-norm <paramref name="norm"/>.</summary>
    public static double Eigenvalue(int n, double norm) => Factor * n * MachineEpsilon * Math.Abs(norm);

    /// <summary>Asserts |actual - expected| &lt;= <see cref="Eigenvalue"/>(n, norm), naming both values and the bound.</summary>
    public static void AssertEigenvalue(double expected, double actual, int n, double norm, string what)
    {
        var bound = Eigenvalue(n, norm);
        Assert.True(Math.Abs(actual - expected) <= bound,
            $"{what}: expected {expected:R}, got {actual:R}, apart {Math.Abs(actual - expected):E3} > {bound:E3} = {Factor} n eps ||A|| (n = {n}, ||A|| = {norm:R})");
    }
}
