using SpectrumDsl.Networks;
using SpectrumDsl.Training.MiniBatch;

namespace SpectrumDsl.Training.Setup;

/// <summary>
/// The largest eigenvalues of the operators a step applies (Gram scale, as the step rule needs them): kernel theory's
/// and the network's own, for the step the run takes (full batch, or one mini-batch), and the full-batch one kernel
/// theory's prediction is made with. Mini-batches step with their batch operator, (K S)[B, B] and J_B (J_B^T + S's
/// correction), whose top parts shrink like b / n (EigenPro 2's larger steps for batches; docs/design.md#mini-batch).
/// </summary>
/// <param name="Kernel">lambda_max(K S) for full batch, of (K S)[B, B] (with <see cref="BatchOperatorEstimate.Margin"/>) for mini-batches.</param>
/// <param name="Network">lambda_max(J_0 J_0^T S), or of the network's batch operator with the margin.</param>
/// <param name="FullBatch">max(lambda_max(K S), lambda_max(J_0 J_0^T S)): the full-batch step's operator.</param>
internal sealed record OperatorBounds(double Kernel, double Network, double FullBatch)
{
    /// <summary>Measures the batch operators when the configuration makes a mini-batch run (0 &lt; b &lt; n).</summary>
    public static OperatorBounds Measure(TrainerConfig config, TrainingData data, FullyConnectedNetwork network, PathProducts built, BatchCorrection? correction,
        SetupClock clock)
    {
        var spectrum = built.Spectrum;
        var fullNetwork = built.Info.NetworkMaxEigenvalue;
        var full = Math.Max(spectrum.MaxEigenvalueOfKS, fullNetwork);
        if (!TrainingSetup.IsMiniBatch(config, data.Count))
        {
            return new OperatorBounds(spectrum.MaxEigenvalueOfKS, fullNetwork, full);
        }

        // A principal block of a symmetric operator never exceeds the whole (Cauchy interlacing), so the full-batch values
        // cap J_B J_B^T and (K S)[B, B]. Not the network's PGD block: its correction cancels the top of J_B J_B^T only as
        // far as the network's kernel matches the eigenpairs, and the residue can exceed the flattened full operator.
        var batchNetwork = clock.Time("network batch operator (Lanczos)",
            () => BatchOperatorEstimate.Network(network, data.Points, config.BatchSize, config.Seed, correction));
        var networkMax = correction is null ? Math.Min(fullNetwork, batchNetwork) : batchNetwork;
        // The kernel's batch operator is at most lambda_max(K S), so it can only decide an automatic step the network's
        // does not already exceed; an explicit rate is always checked against it.
        var kernelDecides = config.LearningRate != 0 || networkMax < spectrum.MaxEigenvalueOfKS;
        var kernelMax = kernelDecides
            ? Math.Min(spectrum.MaxEigenvalueOfKS, clock.Time("kernel batch operator",
                () => BatchOperatorEstimate.Kernel(config.Architecture.Ntk(), data.X, config.BatchSize, config.Seed, spectrum.Modification)))
            : spectrum.MaxEigenvalueOfKS;
        return new OperatorBounds(kernelMax, networkMax, full);
    }
}
