using SpectrumDsl.Msk;

namespace SpectrumDsl.Regression;

/// <summary>
/// Step size and batch size of EigenPro's iteration from the subsample's eigenvalues (docs/design.md#eigenpro),
/// for the batch-mean gradient of the loss 1/(2n) ||F(X) - Y||^2: the coefficients of a batch of b points move by
/// -(eta / b) times their residuals.
/// </summary>
/// <param name="KernelDiagonal">beta = max_i K(x_i, x_i) over the training points.</param>
/// <param name="PreconditionedDiagonal">
/// beta_P, an upper bound on max_x K_P(x, x) for the preconditioned kernel K_P = &lt;K(., x), P K(., z)&gt;:
/// P &lt;= max(1, max_i g_i / lambda_i) I in the kernel's Hilbert space, so
/// beta_P = max(1, max_i g_i / lambda_i) beta (= beta when every target lowers its eigenvalue, as flattening does).
/// </param>
/// <param name="SubsampleTopEigenvalue">
/// max(max_i g_i, lambda_(k+1)), operator scale: the top eigenvalue of the preconditioned operator on the subsample
/// itself. It is optimistic, because P is fitted to those very points: against the exact value on all n points it was
/// 1.35 to 2.2 times too small in the measurements of docs/design.md#eigenpro.
/// </param>
/// <param name="SampledTopEigenvalue">
/// The top eigenvalue of K_P(X_R, X_R) / s on an independent uniform sample R of s training points (0 when R would be
/// the subsample itself, s = n): an estimate of lambda_max of the preconditioned operator on all n points that does not
/// share the subsample's bias.
/// </param>
/// <param name="BaseTopEigenvalue">lambda_1 = sigma_1 / s of the base kernel on the subsample (the plain iteration's lambda_P).</param>
public sealed record EigenProStepRule(double KernelDiagonal, double PreconditionedDiagonal, double SubsampleTopEigenvalue,
    double SampledTopEigenvalue, double BaseTopEigenvalue)
{
    /// <summary>
    /// n, the training points batches are drawn from without replacement (0: an unlimited population, EigenPro's own
    /// formula). A finite population shrinks a batch's sampling variance by (n - b) / (n - 1), to nothing for b = n.
    /// </summary>
    public int SampleCount { get; init; }

    /// <summary>lambda_P = max(<see cref="SubsampleTopEigenvalue"/>, <see cref="SampledTopEigenvalue"/>), the value the step and batch size use.</summary>
    public double TopEigenvalue => Math.Max(SubsampleTopEigenvalue, SampledTopEigenvalue);

    /// <summary>
    /// EigenPro's critical batch size b* = beta_P / lambda_P + 1: below it the step grows linearly with b (each
    /// epoch does the same work whatever b), above it the step saturates at 1 / lambda_P and larger batches
    /// only cost more per epoch.
    /// </summary>
    public double CriticalBatchSize => PreconditionedDiagonal / TopEigenvalue + 1.0;

    /// <summary>
    /// eta(b) = b (n - 1) / ((n - b) beta_P + n (b - 1) lambda_P), the step that minimises the bound on the expected
    /// error after one step of a batch of b of the n points drawn without replacement (Ma, Bassily and Belkin 2018, whose
    /// b / (beta_P + (b - 1) lambda_P) is its limit for n much larger than b, and the value used when
    /// <see cref="SampleCount"/> is 0). For b = n it is 1 / lambda_P: a full batch has no sampling variance, which is
    /// what lets small data sets take full steps. It is half of <see cref="StepBound"/>: this factor of 2
    /// is the safety margin: in the full-batch limit eta is about 1 / lambda_P, so the iteration stays stable while the
    /// true top eigenvalue is below 2 lambda_P (docs/design.md#eigenpro compares the two on several data sets).
    /// EigenPro itself takes 0.99 StepBound above b* (with its eigenvalues damped by a power 0.95).
    /// </summary>
    public double StepSize(int batchSize)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be at least 1 but was {batchSize}.");
        }

        var n = SampleCount;
        if (n == 0)
        {
            return batchSize / (PreconditionedDiagonal + (batchSize - 1) * TopEigenvalue);
        }

        if (batchSize > n)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize cannot exceed the n = {n} training points but was {batchSize}.");
        }

        return batchSize * (n - 1.0) / ((n - batchSize) * PreconditionedDiagonal + n * (batchSize - 1.0) * TopEigenvalue);
    }

    /// <summary>2 b / (beta_P + (b - 1) lambda_P): above this step the expected error grows (the stability bound for batch b).</summary>
    public double StepBound(int batchSize) => 2.0 * StepSize(batchSize);

    /// <summary>The automatic batch size: b* rounded down, between 1 and <paramref name="sampleCount"/>.</summary>
    internal int AutomaticBatchSize(int sampleCount) => (int)Math.Clamp(Math.Floor(CriticalBatchSize), 1.0, sampleCount);

    /// <summary>The rule for a modification of the subsample Gram (its sample count is s), beta, the sampled estimate and the n training points.</summary>
    internal static EigenProStepRule From(SpectralModification modification, double kernelDiagonal, double sampledTop, int sampleCount)
    {
        var s = modification.SampleCount;
        var sigma = modification.Eigenpairs.ValuesView;
        var targets = modification.TargetValuesView;
        var top = modification.NextGramValue / s;
        var widening = 1.0;
        for (var i = 0; i < targets.Length; i++)
        {
            top = Math.Max(top, targets[i]);
            widening = Math.Max(widening, targets[i] * s / sigma[i]);
        }

        return new EigenProStepRule(kernelDiagonal, widening * kernelDiagonal, top, sampledTop, sigma[0] / s) { SampleCount = sampleCount };
    }
}
