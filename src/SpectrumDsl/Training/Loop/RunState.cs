namespace SpectrumDsl.Training.Loop;

/// <summary>
/// Everything a run changes as it goes, in one place: the loop, its divergence monitor and its batch
/// order read and write it, and a checkpoint saves and restores it as a unit. What is deterministic
/// from configuration and data (the initial network, the spectrum) is not here.
/// </summary>
internal sealed class RunState
{
    /// <summary>Updates made so far (the run continues with step <see cref="Step"/>).</summary>
    public int Step { get; set; }

    /// <summary>The network's parameters at <see cref="Step"/>: filled when a checkpoint is written, restored on resume.</summary>
    public double[] Parameters { get; set; } = [];

    /// <summary>w_(t-1), the parameters before the last update, for heavy-ball momentum (empty before the first step or without momentum).</summary>
    public double[] PreviousParameters { get; set; } = [];

    /// <summary>The parameters with the lowest training loss so far (restored on divergence).</summary>
    public double[] LastGood { get; set; } = [];

    /// <summary>The step of <see cref="LastGood"/>.</summary>
    public int LastGoodStep { get; set; }

    /// <summary>The step size the next update uses: the setup's, halved at each recovery from divergence.</summary>
    public double StepSize { get; set; }

    /// <summary>The recoveries so far, in order.</summary>
    public List<StepSizeChange> StepSizeChanges { get; set; } = [];

    /// <summary>The lowest validation loss recorded so far (+infinity before the first, or without validation).</summary>
    public double BestValidationLoss { get; set; } = double.PositiveInfinity;

    /// <summary>The record step of <see cref="BestValidationLoss"/> (-1: none yet).</summary>
    public int BestValidationStep { get; set; } = -1;

    /// <summary>The parameters at <see cref="BestValidationStep"/>.</summary>
    public double[] BestValidationParameters { get; set; } = [];

    /// <summary>Records since the validation loss last improved (for <see cref="TrainerConfig.Patience"/>).</summary>
    public int RecordsSinceBest { get; set; }

    /// <summary>The loss at the previous evaluation (+infinity before the first).</summary>
    public double PreviousLoss { get; set; } = double.PositiveInfinity;

    /// <summary>The loss belonging to <see cref="LastGood"/>.</summary>
    public double LastGoodLoss { get; set; } = double.PositiveInfinity;

    /// <summary>The loss at step 0.</summary>
    public double InitialLoss { get; set; } = double.NaN;

    /// <summary>||R_0||_F, the scale of the convergence test.</summary>
    public double InitialNorm { get; set; } = double.NaN;

    /// <summary>Consecutive evaluations at which the loss grew.</summary>
    public int Growth { get; set; }

    /// <summary>Evaluations since the start or the last recovery at which the loss stood above min(initial, 2 best): setbacks.</summary>
    public int Setbacks { get; set; }

    /// <summary>Mini-batch epochs shuffled so far (replaying them restores the order and the generator).</summary>
    public long Shuffles { get; set; }

    /// <summary>The next position in the current mini-batch order (n: reshuffle first).</summary>
    public int Position { get; set; }

    /// <summary>Wall time spent before this process took the run over.</summary>
    public long ElapsedTicks { get; set; }

    /// <summary>The decades of the relative residual crossed so far (<see cref="ToleranceMilestone"/>), largest tolerance first.</summary>
    public List<ToleranceMilestone> Milestones { get; set; } = [];

    /// <summary>The records so far.</summary>
    public List<TrainingRecord> Records { get; set; } = [];

    /// <summary>The state of a fresh run on <paramref name="count"/> points starting from <paramref name="parameters"/> with step size <paramref name="stepSize"/>.</summary>
    public static RunState Start(double[] parameters, int count, double stepSize) => new() { LastGood = parameters, Position = count, StepSize = stepSize };
}
