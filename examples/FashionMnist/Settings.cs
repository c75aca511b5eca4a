using SpectrumDsl.Training;

namespace FashionMnist;

/// <summary>
/// Everything a run depends on; written into report.json so a run can be repeated. Train and Test count
/// the first images used of the 60 000 and 10 000; Components is the number of principal components kept
/// (0: all 784 pixels); Steps is the budget (from --steps, or --epochs times the steps of one epoch);
/// EvaluateEvery the steps between test-accuracy evaluations; Path is already resolved (never Automatic);
/// LearningRate (0: automatic) and OnDivergence apply to both runs.
/// </summary>
public sealed record Settings(
    int Train,
    int Test,
    int Width,
    int Depth,
    double Bias,
    int Rank,
    int Components,
    int Steps,
    int BatchSize,
    TrainingPath Path,
    int Subsample,
    int EvaluateEvery,
    int Seed,
    string DataFolder,
    string Output,
    bool Plain,
    double LearningRate = 0,
    DivergencePolicy OnDivergence = DivergencePolicy.Recover)
{
    /// <summary>Points per step: the batch size, or n for full batch.</summary>
    public int PointsPerStep => BatchSize <= 0 || BatchSize >= Train ? Train : BatchSize;

    /// <summary>Steps in one pass over the training set (1 for full batch).</summary>
    public int StepsPerEpoch => Budget.StepsPerEpoch(Train, BatchSize);

    /// <summary>Passes over the training set after <paramref name="steps"/> steps.</summary>
    public double Epochs(int steps) => (double)steps * PointsPerStep / Train;
}

/// <summary>How --steps, --epochs and --batch-size give the step budget and the evaluation interval.</summary>
public static class Budget
{
    /// <summary>ceil(n / b) for mini-batches, 1 for full batch (b = 0 or b &gt;= n).</summary>
    public static int StepsPerEpoch(int train, int batchSize) =>
        batchSize <= 0 || batchSize >= train ? 1 : (train + batchSize - 1) / batchSize;

    /// <summary>--epochs E (when &gt; 0) is E passes; otherwise --steps.</summary>
    public static int Steps(int steps, int epochs, int train, int batchSize) =>
        epochs > 0 ? epochs * StepsPerEpoch(train, batchSize) : steps;

    /// <summary>
    /// The automatic evaluation interval: about 100 evaluations over a full-batch budget; with mini-batches
    /// twice per epoch (each evaluation passes over the whole training and test sets, as much as a third of an epoch).
    /// </summary>
    public static int EvaluateEvery(int steps, int train, int batchSize)
    {
        var perEpoch = StepsPerEpoch(train, batchSize);
        return perEpoch > 1 ? Math.Max(1, perEpoch / 2) : Math.Max(1, steps / 100);
    }
}
