using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// Settings of <c>EigenProRegression.Fit</c> (docs/design.md#eigenpro). All have defaults; every
/// rule is checked by <c>Fit</c> against the data, with an exception naming the setting (options.Rank, ...).
/// </summary>
public sealed record EigenProOptions
{
    /// <summary>The automatic subsample, the trainer's Nystrom path's.</summary>
    internal const int DefaultSubsample = SettingRules.AutomaticSubsample;

    /// <summary>
    /// k, the number of top eigenpairs of the subsample Gram the target replaces (default 100). With the
    /// default target (flatten to lambda_k) the top k - 1 are lowered to lambda_k: EigenPro's top_q = k.
    /// 1 &lt;= k &lt;= s - 1: the first unchanged eigenvalue lambda_(k+1) enters the step size.
    /// </summary>
    public int Rank { get; init; } = 100;

    /// <summary>
    /// s, the number of training points whose Gram K(X_S, X_S) gives the eigensystem (drawn uniformly
    /// without replacement from <see cref="Seed"/>, the same points as <c>EigenSolver.TopNystrom</c> draws);
    /// 0 (default) means min(n, 4000), the trainer's Nystrom default (<c>SettingRules.AutomaticSubsample</c>). Rank + 1 &lt;= s &lt;= n.
    /// </summary>
    public int Subsample { get; init; }

    /// <summary>
    /// The target spectrum g for the top k (default <see cref="SpectrumTarget.FlattenTop"/>, EigenPro's
    /// flattening). It sees the subsample's operator-scale eigenvalues sigma_i / s, with s as the sample
    /// count. Must be finite and &gt; 0 (the preconditioner must be positive definite).
    /// <see cref="SpectrumTarget.Identity"/> gives plain (unpreconditioned) kernel SGD.
    /// </summary>
    public SpectrumTarget Target { get; init; } = SpectrumTarget.FlattenTop;

    /// <summary>Passes over the training set (default 10); at least 1.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Points per update; 0 (default) means automatic: the critical batch size
    /// <see cref="EigenProStepRule.CriticalBatchSize"/> rounded down, at most n. Otherwise 1 &lt;= b &lt;= n.
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>Seed of the subsample, of the batch order and of the train-loss sample (default 0). The same seed gives identical results.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Stop after the first epoch whose relative training residual ||F(X_E) - Y_E||_F / ||Y_E||_F is at most
    /// this (E the points of <see cref="TrainEvaluationSize"/>); 0 (default) runs all epochs. In [0, 1).
    /// </summary>
    public double Tolerance { get; init; }

    /// <summary>
    /// How many training points (a seeded uniform sample) the per-epoch training loss is measured on
    /// (default 5000, as EigenPro does: measuring on all n would cost as much as an epoch); 0 means all n.
    /// </summary>
    public int TrainEvaluationSize { get; init; } = 5000;

    /// <summary>Checks every rule for n training points; the subsample size in use is returned.</summary>
    internal int Validate(int n)
    {
        Guard.AtLeast(n, 2, "x.RowCount", "EigenPro needs at least two training points: a subsample of s >= 2 for rank k >= 1.");
        var subsample = Subsample == 0 ? Math.Min(n, DefaultSubsample) : Subsample;
        Guard.InRange(Subsample, 0, n, "options.Subsample",
            $"s is drawn from the n = {n} training points (0 means min(n, {DefaultSubsample})).");
        Guard.InRange(Rank, 1, subsample - 1, "options.Rank",
            $"k must leave at least one unchanged eigenvalue of the s = {subsample} point subsample, lambda_(k+1), which sets the step size; lower Rank or raise Subsample.");
        Guard.NotNull(Target, "options.Target");
        Guard.AtLeast(Epochs, 1, "options.Epochs");
        Guard.InRange(BatchSize, 0, n, "options.BatchSize", "0 chooses the critical batch size automatically.");
        Guard.Finite(Tolerance, "options.Tolerance");
        if (!(Tolerance >= 0 && Tolerance < 1))
        {
            throw new ArgumentOutOfRangeException("options.Tolerance", Tolerance,
                $"options.Tolerance must be in [0, 1) but was {Guard.Format(Tolerance)}: it is a relative residual ||R|| / ||Y||, and 0 runs every epoch.");
        }

        Guard.AtLeast(TrainEvaluationSize, 0, "options.TrainEvaluationSize", "0 measures the training loss on all n points.");
        return subsample;
    }
}
