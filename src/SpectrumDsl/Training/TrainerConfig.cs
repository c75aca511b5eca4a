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
    public int Width { get; init; } = 1024;

    /// <summary>
    /// The network trained (activation, number of hidden layers L, bias scale beta; default ReLU, L = 1,
    /// beta = 1). The analytic NTK that S and the step size come from is made from the same description.
    /// </summary>
    public NetworkArchitecture Architecture { get; init; } = NetworkArchitecture.Relu(1, 1.0);

    /// <summary>Maximum number of update steps (default 10000). Stopping here is never reported as converged.</summary>
    public int Steps { get; init; } = 10_000;

    /// <summary>
    /// Step size eta; 0 (default) means automatic: 1/delta_1 of the chosen Gram for gradient descent,
    /// 1/lambda_max(K S) for preconditioned gradient descent (stability needs eta &lt; 2/lambda_max).
    /// </summary>
    public double LearningRate { get; init; }

    /// <summary>Plain or preconditioned gradient descent (default <see cref="Optimizer.Preconditioned"/>).</summary>
    public Optimizer Optimizer { get; init; } = Optimizer.Preconditioned;

    /// <summary>
    /// k, the number of top eigenpairs the preconditioner modifies and the number of eigendirections
    /// whose residual projections are recorded (default 17; on the circle k = 2D + 1 covers degrees
    /// &lt;= D). Choose k at a spectral gap. Must not exceed the number of training points.
    /// </summary>
    public int Rank { get; init; } = 17;

    /// <summary>The target spectrum g for the top k (default <see cref="SpectrumTarget.FlattenTop"/>: flatten to lambda_k). Must be &gt; 0 for PGD.</summary>
    public SpectrumTarget Target { get; init; } = SpectrumTarget.FlattenTop;

    /// <summary>Gram matrix the preconditioner and the automatic step come from (default <see cref="PreconditionerSource.AnalyticNtk"/>).</summary>
    public PreconditionerSource PreconditionerSource { get; init; } = PreconditionerSource.AnalyticNtk;

    /// <summary>
    /// Convergence criterion, relative: training stops at the first step t with
    /// ||r_t|| &lt;= Tolerance ||r_0|| (default 0.05, the 5 % used in the paper's experiments). In (0, 1).
    /// </summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Seed of the network initialisation and of the mini-batch order (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>A <see cref="TrainingRecord"/> is kept every this many steps (default 10), plus the first and the last step.</summary>
    public int RecordInterval { get; init; } = 10;

    /// <summary>Points per step; 0 (default) means full batch. Mini-batch PGD is described on <see cref="Trainer"/>.</summary>
    public int BatchSize { get; init; }

    /// <summary>
    /// Lets an explicit <see cref="LearningRate"/> at or above the stability bound 2/lambda_max(K S)
    /// through (default false: <c>Trainer.Run</c> refuses it before training, naming the bound).
    /// Set it only to study divergence on purpose; the run then warns and usually ends in
    /// <see cref="TrainingDivergedException"/>.
    /// </summary>
    public bool AllowUnstableLearningRate { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> (naming the property, the value and the rule) for an invalid configuration.</summary>
    public void Validate()
    {
        Guard.AtLeast(Width, 1, nameof(Width), "The width m is the number of units per hidden layer.");
        Guard.NotNull(Architecture, nameof(Architecture));
        Guard.AtLeast(Steps, 1, nameof(Steps), "Steps is the maximum number of update steps.");
        Guard.NonNegative(LearningRate, nameof(LearningRate), "Use 0 for the automatic step 1/lambda_max.");
        if (!Enum.IsDefined(Optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, $"{nameof(Optimizer)} must be GradientDescent or Preconditioned but was {(int)Optimizer}.");
        }

        if (!Enum.IsDefined(PreconditionerSource))
        {
            throw new ArgumentOutOfRangeException(nameof(PreconditionerSource), PreconditionerSource, $"{nameof(PreconditionerSource)} must be AnalyticNtk or EmpiricalNtk but was {(int)PreconditionerSource}.");
        }

        Guard.AtLeast(Rank, 1, nameof(Rank), "Rank k counts the modified eigenpairs.");
        Guard.NotNull(Target, nameof(Target));
        if (!(Tolerance > 0 && Tolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance,
                $"{nameof(Tolerance)} must lie in (0, 1) (relative to the initial residual) but was {Guard.Format(Tolerance)}.");
        }

        Guard.AtLeast(RecordInterval, 1, nameof(RecordInterval));
        Guard.AtLeast(BatchSize, 0, nameof(BatchSize), "Use 0 for full batch.");
    }
}
