namespace SpectrumDsl.Training;

/// <summary>
/// How well a network of this width resolves the kernel's eigendirections (checked before training).
/// E = (empirical NTK at initialisation) - (analytic NTK) on up to 256 training points (docs/design.md#resolution). Direction i
/// (eigenpair delta_i, v_i of the analytic Gram) is unresolved when ||E v_i|| &gt; delta_i: the
/// finite-width error acting on it is larger than its own eigenvalue, so neither plain nor
/// preconditioned descent can follow kernel theory there. Both shrink like 1/sqrt(width).
/// </summary>
/// <param name="Width">The width checked.</param>
/// <param name="SampleCount">Points used.</param>
/// <param name="Fluctuation">||E||_2 / delta_1, the relative spectral-norm fluctuation.</param>
/// <param name="FrobeniusError">||E||_F / ||K||_F.</param>
/// <param name="UnresolvedEnergy">Share of the labels' energy ||Y||_F^2 (all outputs) in unresolved directions.</param>
/// <param name="UnresolvedDirections">How many eigendirections are unresolved.</param>
/// <param name="RequiredWidth">A width (power of 2) predicted to resolve enough directions, or null when resolved.</param>
/// <param name="IsResolved">True when UnresolvedEnergy &lt;= Tolerance^2 (what is left unlearned then cannot block convergence).</param>
public sealed record NtkResolution(
    int Width,
    int SampleCount,
    double Fluctuation,
    double FrobeniusError,
    double UnresolvedEnergy,
    int UnresolvedDirections,
    int? RequiredWidth,
    bool IsResolved);

/// <summary>The spectrum behind the step size and the preconditioner.</summary>
/// <param name="Rank">k.</param>
/// <param name="TopEigenvalue">delta_1 (Gram scale).</param>
/// <param name="RankEigenvalue">delta_k.</param>
/// <param name="ConditionRatio">delta_1 / delta_k: the predicted speed-up of flattening the top k.</param>
/// <param name="GapRatio">delta_(k+1) / delta_k (close to 1: k cuts a cluster).</param>
/// <param name="CutsCluster">True when k cuts a cluster of nearly equal eigenvalues.</param>
/// <param name="MaxEigenvalueOfKS">lambda_max(K S) (delta_1 for GD).</param>
/// <param name="TargetShareInTopK">||V_k^T Y||_F^2 / ||Y||_F^2, the labels' share inside the top-k space (all outputs).</param>
public sealed record PreconditionerInfo(
    int Rank,
    double TopEigenvalue,
    double RankEigenvalue,
    double ConditionRatio,
    double GapRatio,
    bool CutsCluster,
    double MaxEigenvalueOfKS,
    double TargetShareInTopK)
{
    /// <summary>
    /// lambda_max(J_0 J_0^T S) of the network itself at initialisation, all outputs together (J J^T for GD),
    /// estimated by Lanczos before training. At finite width it exceeds <see cref="MaxEigenvalueOfKS"/> where the NTK's
    /// fluctuation, amplified by S, dominates the flattened eigenvalues; the automatic step uses the larger.
    /// </summary>
    public double NetworkMaxEigenvalue { get; init; }

    /// <summary>
    /// The step-size ratio this network allows between GD and this run's optimizer, relative to kernel theory's:
    /// for PGD, (lambda_max(K) / lambda_max(K S)) of the network over that of the kernel (1 = all of the predicted
    /// speed-up is available, 0.01 = one percent). 1 for GD.
    /// </summary>
    public double RealisableSpeedupShare { get; init; } = 1.0;
}
