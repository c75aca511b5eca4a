namespace SpectrumDsl.Msk;

/// <summary>The part of a mini-batch PGD step that applies S restricted to the batch (docs/design.md#mini-batch).</summary>
internal interface IBatchCorrection
{
    /// <summary>
    /// w -= <paramref name="stepSize"/> times the correction for the batch <paramref name="batch"/> (indices into the
    /// training set) with residual <paramref name="residual"/> (b x c, column-major); allocation-free.
    /// </summary>
    void Apply(ReadOnlySpan<int> batch, ReadOnlySpan<double> residual, double stepSize);
}
