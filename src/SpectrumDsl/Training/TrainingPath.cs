namespace SpectrumDsl.Training;

/// <summary>How the trainer gets the eigenpairs S is made of (docs/design.md#scale).</summary>
public enum TrainingPath
{
    /// <summary>
    /// Exact up to <see cref="TrainerConfig.ExactPathLimit"/> training points, Nystrom above: the dense n x n Gram
    /// costs 8 n^2 bytes (0.8 GB at 10 000 points, 29 GB at 60 000).
    /// </summary>
    Automatic,

    /// <summary>The dense Gram of the training set and its top eigenpairs (all of them up to 1000 points).</summary>
    Exact,

    /// <summary>
    /// The top eigenpairs of the kernel on a seeded subsample of <see cref="TrainerConfig.Subsample"/> points,
    /// extended to the training set through the Nystrom eigenfunctions: nothing n x n is ever formed.
    /// </summary>
    Nystrom,
}
