using SpectrumDsl.Kernels;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>Which Gram matrix the preconditioner (and the step size) is built from.</summary>
public enum PreconditionerSource
{
    /// <summary>The infinite-width NTK of the architecture (<see cref="NetworkArchitecture.Ntk"/>) on the training set.</summary>
    AnalyticNtk,

    /// <summary>The network's own empirical NTK J J^T at initialisation on the training set.</summary>
    EmpiricalNtk,
}

/// <summary>
/// Everything <see cref="Trainer"/> needs besides the data. All properties have defaults; call
/// <see cref="Validate"/> (the trainer does) to get an exception naming the property, the value and the rule.
/// </summary>
public sealed record TrainerConfig
{
    /// <summary>Hidden-layer width m (default 1024). Wider networks follow kernel theory more closely (fluctuation ~ 1/sqrt(m)).</summary>
    public int Width { get; init; } = SettingRules.DefaultWidth;

    /// <summary>
    /// The network trained (activation, number of hidden layers L, bias scale beta; default ReLU, L = 1,
    /// beta = 1). The analytic NTK that S and the step size come from is made from the same description.
    /// </summary>
    public NetworkArchitecture Architecture { get; init; } = NetworkArchitecture.Relu(SettingRules.DefaultDepth, SettingRules.DefaultTrainerBiasScale);

    /// <summary>Maximum number of update steps (default 10000). Stopping here is never reported as converged.</summary>
    public int Steps { get; init; } = SettingRules.DefaultSteps;

    /// <summary>
    /// Step size eta; 0 (default) means automatic: 1/delta_1 of the chosen Gram for gradient descent,
    /// 1/lambda_max(K S) for preconditioned gradient descent (stability needs eta &lt; 2/lambda_max; with
    /// <see cref="Momentum"/> mu the default is (1 + sqrt(mu))^2 / (1.1 lambda_max) and the bound 2 (1 + mu) / lambda_max).
    /// </summary>
    public double LearningRate { get; init; } = SettingRules.DefaultLearningRate;

    /// <summary>
    /// Heavy-ball momentum mu: w &lt;- w - eta J^T S r + mu (w - w_prev) (docs/design.md#momentum). 0 (default) is
    /// none; a value in (0, 1) is that mu, with the automatic step (1 + sqrt(mu))^2 / L when <see cref="LearningRate"/>
    /// is 0; <see cref="AutomaticMomentum"/> chooses both from the largest eigenvalue L and the smallest one that
    /// matters l: eta = 4 / (sqrt(L) + sqrt(l))^2, mu = ((sqrt(L) - sqrt(l)) / (sqrt(L) + sqrt(l)))^2.
    /// Full batch only (a mini-batch run with momentum is refused).
    /// </summary>
    public double Momentum { get; init; } = SettingRules.DefaultMomentum;

    /// <summary>The <see cref="Momentum"/> value that asks for mu and eta chosen by the heavy-ball rule (-1).</summary>
    public const double AutomaticMomentum = SettingRules.AutomaticMomentum;

    /// <summary>Plain or preconditioned gradient descent (default <see cref="Optimizer.Preconditioned"/>).</summary>
    public Optimizer Optimizer { get; init; } = Enum.Parse<Optimizer>(SettingRules.DefaultOptimizer);

    /// <summary>
    /// k, the number of top eigenpairs the preconditioner modifies and the number of eigendirections
    /// whose residual projections are recorded (default 17; on the circle k = 2D + 1 covers degrees
    /// &lt;= D). Choose k at a spectral gap. Must not exceed the number of training points.
    /// </summary>
    public int Rank { get; init; } = SettingRules.DefaultTrainerRank;

    /// <summary>The target spectrum g for the top k (default <see cref="SpectrumTarget.FlattenTop"/>: flatten to lambda_k). Must be &gt; 0 for PGD.</summary>
    public SpectrumTarget Target { get; init; } = SpectrumTarget.FlattenTop;

    /// <summary>Gram matrix the preconditioner and the automatic step come from (default <see cref="PreconditionerSource.AnalyticNtk"/>).</summary>
    public PreconditionerSource PreconditionerSource { get; init; } = Enum.Parse<PreconditionerSource>(SettingRules.DefaultPreconditionerSource);

    /// <summary>
    /// Convergence criterion, relative: training stops at the first step t with
    /// ||r_t|| &lt;= Tolerance ||r_0|| (default 0.05, the 5 % used in the paper's experiments). In (0, 1).
    /// </summary>
    public double Tolerance { get; init; } = SettingRules.DefaultTolerance;

    /// <summary>Seed of the network initialisation and of the mini-batch order (default 0).</summary>
    public int Seed { get; init; } = SettingRules.DefaultSeed;

    /// <summary>A <see cref="TrainingRecord"/> is kept every this many steps (default 10), plus the first and the last step.</summary>
    public int RecordInterval { get; init; } = SettingRules.DefaultRecordInterval;

    /// <summary>Points per step; 0 (default) means full batch. Mini-batch PGD is described on <see cref="Trainer"/>.</summary>
    public int BatchSize { get; init; } = SettingRules.DefaultBatchSize;

    /// <summary>
    /// Lets an explicit <see cref="LearningRate"/> at or above the stability bound 2/lambda_max(K S)
    /// through (default false: <c>Trainer.Run</c> refuses it before training, naming the bound).
    /// Set it only to study divergence on purpose; the run then warns and usually ends in
    /// <see cref="TrainingDivergedException"/>.
    /// </summary>
    public bool AllowUnstableLearningRate { get; init; } = SettingRules.DefaultAllowUnstableLearningRate;

    /// <summary>
    /// What a run does when its training loss diverges (default <see cref="DivergencePolicy.Recover"/>: continue from the
    /// best parameters so far with half the step size, recorded in <see cref="TrainingResult.StepSizeChanges"/>;
    /// <see cref="DivergencePolicy.Throw"/>: throw <see cref="TrainingDivergedException"/>). A resumed run may change it.
    /// </summary>
    public DivergencePolicy OnDivergence { get; init; } = Enum.Parse<DivergencePolicy>(SettingRules.DefaultOnDivergence);

    /// <summary>
    /// How the eigenpairs behind S, the step size and the records are obtained (default
    /// <see cref="TrainingPath.Automatic"/>: exact up to <see cref="ExactPathLimit"/> points, Nystrom above).
    /// <see cref="TrainingResult.Path"/> reports the path a run took.
    /// </summary>
    public TrainingPath Path { get; init; } = Enum.Parse<TrainingPath>(SettingRules.DefaultPath);

    /// <summary>
    /// s, the number of training points the Nystrom path decomposes the kernel on (default 0: min(n, <see cref="Validation.SettingRules.AutomaticSubsample"/>));
    /// drawn from the seed. Memory O(s^2 + n k); the eigenpairs converge to the exact ones as s grows.
    /// </summary>
    public int Subsample { get; init; } = SettingRules.DefaultSubsample;

    /// <summary>The largest training set <see cref="TrainingPath.Automatic"/> trains on the exact path.</summary>
    public const int ExactPathLimit = SettingRules.ExactPathLimit;

    /// <summary>
    /// For classification (labels given as class indices): stop at the first evaluation whose training accuracy
    /// reaches this fraction (default 0: never). Checked whenever the training set is evaluated.
    /// </summary>
    public double StopAtTrainAccuracy { get; init; } = SettingRules.DefaultStopAtTrainAccuracy;

    /// <summary>
    /// For classification with test data: stop at the first record whose test accuracy reaches this fraction
    /// (default 0: never). Test accuracy is measured at record steps (<see cref="RecordInterval"/>).
    /// </summary>
    public double StopAtTestAccuracy { get; init; } = SettingRules.DefaultStopAtTestAccuracy;

    /// <summary>
    /// Early stopping: the share of the training points held out as a validation set (a seeded split; default 0: none).
    /// With a validation set the loss on it is measured at every record, and the run ends with the parameters of the
    /// record with the lowest validation loss (<see cref="TrainingResult.KeptStep"/>): interpolating noisy targets
    /// overfits, and the best predictor is often met early.
    /// </summary>
    public double ValidationFraction { get; init; } = SettingRules.DefaultValidationFraction;

    /// <summary>
    /// With a validation set: stop after this many records without a lower validation loss (default 0: train to the
    /// tolerance or the step budget, still keeping the best parameters). Stopping this way is <see cref="StopReason.Patience"/>.
    /// </summary>
    public int Patience { get; init; } = SettingRules.DefaultPatience;

    /// <summary>Throws <see cref="ArgumentException"/> (naming the property, the value and the rule) for an invalid configuration.</summary>
    /// <remarks>The rules are <see cref="SettingRules"/>', which the source generator checks at compile time too.</remarks>
    public void Validate()
    {
        Guard.Satisfies(SettingRules.Width(Width, nameof(Width)), nameof(Width), Width);
        Guard.NotNull(Architecture, nameof(Architecture));
        Guard.Satisfies(SettingRules.Steps(Steps, nameof(Steps)), nameof(Steps), Steps);
        Guard.Satisfies(SettingRules.LearningRate(LearningRate, nameof(LearningRate)), nameof(LearningRate), LearningRate);
        Guard.Satisfies(SettingRules.Momentum(Momentum, nameof(Momentum)), nameof(Momentum), Momentum);
        Guard.Defined(Optimizer, nameof(Optimizer));
        Guard.Satisfies(SettingRules.Rank(Rank, nameof(Rank)), nameof(Rank), Rank);
        Guard.NotNull(Target, nameof(Target));
        Guard.Defined(PreconditionerSource, nameof(PreconditionerSource));
        Guard.Satisfies(SettingRules.Tolerance(Tolerance, nameof(Tolerance)), nameof(Tolerance), Tolerance);
        Guard.Satisfies(SettingRules.RecordInterval(RecordInterval, nameof(RecordInterval)), nameof(RecordInterval), RecordInterval);
        Guard.Satisfies(SettingRules.BatchSize(BatchSize, nameof(BatchSize)), nameof(BatchSize), BatchSize);
        Guard.Defined(Path, nameof(Path));
        Guard.Defined(OnDivergence, nameof(OnDivergence));
        Guard.Satisfies(SettingRules.Subsample(Subsample, nameof(Subsample)), nameof(Subsample), Subsample);
        Guard.Satisfies(SettingRules.Accuracy(StopAtTrainAccuracy, nameof(StopAtTrainAccuracy)), nameof(StopAtTrainAccuracy), StopAtTrainAccuracy);
        Guard.Satisfies(SettingRules.Accuracy(StopAtTestAccuracy, nameof(StopAtTestAccuracy)), nameof(StopAtTestAccuracy), StopAtTestAccuracy);
        Guard.Satisfies(SettingRules.ValidationFraction(ValidationFraction, nameof(ValidationFraction)), nameof(ValidationFraction), ValidationFraction);
        Guard.Satisfies(SettingRules.Patience(Patience, nameof(Patience)), nameof(Patience), Patience);
    }
}
