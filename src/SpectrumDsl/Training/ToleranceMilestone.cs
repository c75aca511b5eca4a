namespace SpectrumDsl.Training;

/// <summary>
/// The network the first time its relative residual fell to a decade 10^-j above the run's own
/// <see cref="TrainerConfig.Tolerance"/>: what a run stopped at that tolerance would have returned (same
/// seed and data, so the same trajectory up to there). One run to 1e-4 thus also yields the networks at
/// 1e-1, 1e-2 and 1e-3 (docs/design.md#preconditioner, "the same solution").
/// </summary>
/// <param name="Tolerance">The decade 10^-j.</param>
/// <param name="Step">The first evaluated step t with ||R_t||_F &lt;= Tolerance ||R_0||_F (every step in full batch, once per epoch in mini-batch).</param>
/// <param name="RelativeResidual">||R_t||_F / ||R_0||_F at that step.</param>
/// <param name="Parameters">The network's parameters at that step (flat parameter order; see <see cref="TrainingResult.NetworkAt"/>).</param>
public sealed record ToleranceMilestone(double Tolerance, int Step, double RelativeResidual, IReadOnlyList<double> Parameters)
{
    /// <summary>The decade 10^-<paramref name="index"/> (index 1, 2, ...), the double nearest 10^-index (10^index is exact and the division rounds once), so it equals the literal 0.01.</summary>
    internal static double Decade(int index) => 1.0 / Math.Pow(10, index);
}
