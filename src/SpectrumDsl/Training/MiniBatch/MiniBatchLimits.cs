using System.Globalization;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training.MiniBatch;

/// <summary>
/// How strong a flattening mini-batch PGD can apply (docs/design.md#mini-batch). A batch step applies S through the
/// network's own gradients, J J^T S[:, B]: it cancels the top of the batch's block only as far as the network's kernel
/// matches the eigenpairs. The mismatch is of the order of the NTK fluctuation times delta_1; when that exceeds the
/// flattened eigenvalue delta_k by orders of magnitude, the residue dominates the batch operator and the run stalls
/// far from the full-batch predictor, whose S acts on the residual exactly.
/// </summary>
internal static class MiniBatchLimits
{
    /// <summary>
    /// Above this ratio of the NTK error (fluctuation delta_1) to delta_k mini-batch PGD is not to be trusted: it sits
    /// between the ratios that trained like full batch and those that stalled in the robustness suite
    /// (docs/design.md#mini-batch).
    /// </summary>
    public const double ErrorToFlattenedRatio = 1e4;

    /// <summary>A warning when mini-batch PGD is asked for a flattening beyond <see cref="ErrorToFlattenedRatio"/>, else null.</summary>
    public static string? Warning(TrainerConfig config, PreconditionerInfo info, NtkResolution resolution)
    {
        var error = resolution.Fluctuation * info.TopEigenvalue;
        var ratio = error / info.RankEigenvalue;
        if (config.Optimizer != Optimizer.Preconditioned || !(ratio > ErrorToFlattenedRatio))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Mini-batch PGD applies S through the network's own gradients, and width {config.Width}'s NTK error ({resolution.Fluctuation:P2} of delta_1 = {Guard.Format(error)}) is {ratio:G2} times the flattened eigenvalue delta_k = {Guard.Format(info.RankEigenvalue)} (Rank {config.Rank}): batches cannot apply so strong a flattening and the run may stall far from the full-batch predictor. Use full batch (BatchSize = 0), a smaller Rank, or a wider network.");
    }
}
