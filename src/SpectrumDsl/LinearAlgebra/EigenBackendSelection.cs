namespace SpectrumDsl.LinearAlgebra;

/// <summary>The eigen backend in use, how it reads to a user, and whether the same input gives the same bits.</summary>
/// <param name="Backend">The implementation <see cref="SymmetricEigen"/> calls.</param>
/// <param name="Description">For people: the library (with its path), why it was chosen, and its reproducibility.</param>
/// <param name="Reproducible">Whether the same matrix gives bit-identical eigenpairs on every call in this process
/// (always for the managed backend; for LAPACK what <see cref="LapackProbe"/> measured).</param>
internal sealed record EigenBackendChoice(EigenBackend Backend, string Description, bool Reproducible);

/// <summary>The selection rule of <see cref="LinearAlgebraControl.Eigen"/>, pure so tests can drive every case.</summary>
internal static class EigenBackendRule
{
    private const string Variable = LinearAlgebraControl.EigenBackendVariable;

    /// <summary>
    /// The environment's choice first (<c>managed</c>, or <c>lapack</c> if it loads), else LAPACK if it loaded and
    /// its probe found it reproducible, else managed. <paramref name="probe"/> runs only when LAPACK is a candidate.
    /// A forced LAPACK that the probe found not reproducible is used anyway, with a warning in the description.
    /// </summary>
    public static EigenBackendChoice Select(string? environmentValue, bool lapackAvailable, string library, string loadError, Func<LapackProbeResult> probe)
    {
        string? forced = environmentValue?.Trim().ToLowerInvariant();
        EigenBackendChoice choice;
        if (forced == "managed")
        {
            choice = Managed($"MathNet managed (forced by {Variable}=managed)");
        }
        else if (!lapackAvailable)
        {
            choice = Managed(forced == "lapack"
                ? $"MathNet managed ({Variable}=lapack but {library} could not be loaded: {loadError})"
                : $"MathNet managed ({library} not loadable: {loadError})");
        }
        else
        {
            var result = probe();
            string forcedNote = forced == "lapack" ? $", forced by {Variable}=lapack" : "";
            if (result.Reproducible)
            {
                choice = new EigenBackendChoice(EigenBackend.Lapack, $"LAPACK dsyevd ({library}{forcedNote}); bit-reproducible: {result.Detail}", true);
            }
            else if (forced == "lapack")
            {
                choice = new EigenBackendChoice(EigenBackend.Lapack,
                    $"LAPACK dsyevd ({library}{forcedNote}); WARNING: NOT bit-reproducible: {result.Detail}; runs may differ in the last bits, unset {Variable} for the reproducible managed backend", false);
            }
            else
            {
                choice = Managed($"MathNet managed (LAPACK dsyevd from {library} is not bit-reproducible here: {result.Detail}; set {Variable}=lapack to use it anyway)");
            }
        }

        if (!string.IsNullOrEmpty(forced) && forced is not ("managed" or "lapack"))
        {
            choice = choice with { Description = choice.Description + $"; ignored unknown {Variable}={forced}" };
        }

        return choice;
    }

    private static EigenBackendChoice Managed(string description) => new(EigenBackend.Managed, description, true);
}
