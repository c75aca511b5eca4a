using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Training;

/// <summary>
/// The spectrum a run is built on: the top k + 1 eigenpairs of the Gram in use, the modification and
/// S made from them (for PGD), and the numbers reported about them. Computed once per run, and kept
/// by checkpoints so that a resumed run trains with exactly the same S whatever the eigen backend.
/// </summary>
internal sealed class TrainingSpectrum
{
    private TrainingSpectrum(TrainerConfig config, EigenDecomposition top, Matrix<double> labels, NystromEigenpairs? nystrom)
    {
        Top = top;
        Nystrom = nystrom;
        var rank = config.Rank;
        var n = top.SampleCount;
        if (config.Optimizer == Optimizer.Preconditioned)
        {
            var modification = SpectralModification.TryCreate(top, config.Target, rank, preconditioning: true, out var problem)
                ?? throw problem!.ToException(nameof(config.Rank), nameof(config.Target), nameof(TrainerConfig));
            Modification = modification;
            Preconditioner = new Preconditioner(modification);
        }

        var values = top.ValuesView;
        TopVectors = top.VectorsView.SubMatrix(0, n, 0, rank);
        MaxEigenvalueOfKS = Preconditioner?.MaxEigenvalueOfKS ?? values[0];
        var energy = FastLinearAlgebra.FrobeniusNorm(labels);
        var inside = energy > 0 ? FastLinearAlgebra.FrobeniusNorm(TopVectors.TransposeThisAndMultiply(labels)) / energy : 0.0;
        Info = new PreconditionerInfo(
            rank, values[0], values[rank - 1], values[0] / values[rank - 1],
            rank < n ? values[rank] / values[rank - 1] : 0.0,
            Modification?.CutsCluster ?? false, MaxEigenvalueOfKS, inside * inside);
    }

    /// <summary>The top min(k + 1, n) eigenpairs of the Gram in use (Nystrom pairs on that path).</summary>
    public EigenDecomposition Top { get; }

    /// <summary>The subsample the Nystrom path's pairs come from (null on the exact path).</summary>
    public NystromEigenpairs? Nystrom { get; }

    /// <summary>The path these eigenpairs come from.</summary>
    public TrainingPath Path => Nystrom is null ? TrainingPath.Exact : TrainingPath.Nystrom;

    /// <summary>V_k, n x k (the directions whose residual projections are recorded).</summary>
    public Matrix<double> TopVectors { get; }

    /// <summary>The targets replacing the top k eigenvalues (PGD only).</summary>
    public SpectralModification? Modification { get; }

    /// <summary>S (PGD only).</summary>
    public Preconditioner? Preconditioner { get; }

    /// <summary>lambda_max(K S) (delta_1 for GD), Gram scale.</summary>
    public double MaxEigenvalueOfKS { get; }

    /// <summary>The numbers reported about the spectrum.</summary>
    public PreconditionerInfo Info { get; }

    /// <summary>The spectrum from the eigenpairs <paramref name="eigen"/> of the Gram in use; its cluster warning (if k cuts one) is added to <paramref name="warnings"/>.</summary>
    public static TrainingSpectrum Compute(TrainerConfig config, EigenDecomposition eigen, Matrix<double> labels, List<string> warnings, NystromEigenpairs? nystrom = null)
    {
        var spectrum = FromTop(config, eigen.Truncate(Math.Min(config.Rank + 1, eigen.Count)), labels, nystrom);
        if (spectrum.Modification is { CutsCluster: true } modification)
        {
            var (lower, upper) = SpectralModification.NearestGapRanks(eigen.ValuesView, config.Rank);
            var advice = (lower, upper) switch
            {
                (null, null) => "no rank in 1..n sits at a gap",
                (int a, null) => $"the nearest rank at a gap is {a}",
                (null, int b) => $"the nearest rank at a gap is {b}",
                (int a, int b) => $"the nearest ranks at a gap are {a} and {b}",
            };
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Rank k = {config.Rank} cuts a cluster of nearly equal eigenvalues (delta_(k+1)/delta_k = {modification.GapRatio:G4}); S then depends on round-off. Choose k at a spectral gap: {advice}."));
        }

        return spectrum;
    }

    /// <summary>The spectrum from top eigenpairs already known (computed, or read from a checkpoint).</summary>
    public static TrainingSpectrum FromTop(TrainerConfig config, EigenDecomposition top, Matrix<double> labels, NystromEigenpairs? nystrom) =>
        new(config, top, labels, nystrom);
}
