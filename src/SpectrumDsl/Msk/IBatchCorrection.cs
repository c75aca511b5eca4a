namespace SpectrumDsl.Msk;

/// <summary>The part of a mini-batch PGD step that applies S restricted to the batch (docs/design.md#mini-batch).</summary>
internal interface IBatchCorrection
{
    /// <summary>
    /// w -= <paramref name="stepSize"/> times the correction for the batch <paramref name="batch"/> (indices into the
    /// training set) with residual <paramref name="residual"/> (b x c, column-major); allocation-free.
    /// </summary>
    void Apply(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, double stepSize);

    /// <summary>
    /// Adds the correction for <paramref name="batch"/> with residual <paramref name="residual"/> to the gradients in
    /// <paramref name="gradients"/>, leaving the parameters alone: the batch operator's product (the step size is
    /// measured on it before training); allocation-free.
    /// </summary>
    void AddTo(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, Networks.NetworkWorkspace gradients);
}
