using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// EigenPro's iteration diverged: after an epoch the training loss was not finite or above 10 times its initial
/// value (a stable iteration keeps it near or below the initial loss; see docs/design.md#eigenpro).
/// </summary>
public sealed class EigenProDivergedException : Exception
{
    internal EigenProDivergedException(int epoch, double loss, double initialLoss, double stepSize, int batchSize)
        : base($"EigenPro diverged in epoch {epoch}: training loss {Guard.Format(loss)} against {Guard.Format(initialLoss)} at the start, with step size {Guard.Format(stepSize)} and batch size {batchSize}. The step comes from the subsample's eigenvalues: raise options.Subsample so they estimate the whole training set better, or lower options.Rank.")
    {
        Epoch = epoch;
        Loss = loss;
        StepSize = stepSize;
        BatchSize = batchSize;
    }

    /// <summary>The epoch after which divergence was detected.</summary>
    public int Epoch { get; }

    /// <summary>The training loss then.</summary>
    public double Loss { get; }

    /// <summary>eta.</summary>
    public double StepSize { get; }

    /// <summary>b.</summary>
    public int BatchSize { get; }
}
