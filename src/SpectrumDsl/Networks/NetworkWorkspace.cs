using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Networks;

/// <summary>
/// Every buffer one forward and backward pass over a batch of a fixed size needs, allocated
/// once per (network shape, batch size) so training steps do not allocate.
/// </summary>
internal sealed class NetworkWorkspace
{
    public NetworkWorkspace(int batchSize, int inputDimension, int[] layerOutputs, int[] layerInputs)
    {
        BatchSize = batchSize;
        var layers = layerOutputs.Length;
        Input = Matrix<double>.Build.Dense(batchSize, inputDimension);
        PreActivations = new Matrix<double>[layers];
        Activations = new Matrix<double>[layers - 1];
        Signals = new Matrix<double>[layers];
        WeightGradients = new Matrix<double>[layers];
        BiasGradients = new double[layers][];
        for (var l = 0; l < layers; l++)
        {
            PreActivations[l] = Matrix<double>.Build.Dense(batchSize, layerOutputs[l]);
            Signals[l] = Matrix<double>.Build.Dense(batchSize, layerOutputs[l]);
            WeightGradients[l] = Matrix<double>.Build.Dense(layerOutputs[l], layerInputs[l]);
            BiasGradients[l] = new double[layerOutputs[l]];
            if (l < layers - 1)
            {
                Activations[l] = Matrix<double>.Build.Dense(batchSize, layerOutputs[l]);
            }
        }
    }

    /// <summary>The number of points (rows) per pass.</summary>
    public int BatchSize { get; }

    /// <summary>A batch's inputs, filled by the caller when rows are gathered from a larger set.</summary>
    public Matrix<double> Input { get; }

    /// <summary>h_l for every layer (the last is the output f, batch x 1).</summary>
    public Matrix<double>[] PreActivations { get; }

    /// <summary>phi(h_l), the activation of each hidden layer.</summary>
    public Matrix<double>[] Activations { get; }

    /// <summary>Backpropagated signals d(sum_j v_j f_j) / d h_l, row j belonging to point j.</summary>
    public Matrix<double>[] Signals { get; }

    /// <summary>J^T v restricted to each layer's weights.</summary>
    public Matrix<double>[] WeightGradients { get; }

    /// <summary>J^T v restricted to each layer's biases.</summary>
    public double[][] BiasGradients { get; }

    /// <summary>The network output f of the last forward pass (a view of the last pre-activation).</summary>
    public double[] Output => NetworkMath.Data(PreActivations[^1]);

    /// <summary>Adds this pass's gradients into <paramref name="sums"/>' (or copies them when <paramref name="overwrite"/>); allocation-free.</summary>
    public void AddGradientsTo(NetworkWorkspace sums, bool overwrite)
    {
        for (var l = 0; l < WeightGradients.Length; l++)
        {
            Accumulate(NetworkMath.Data(WeightGradients[l]), NetworkMath.Data(sums.WeightGradients[l]), overwrite);
            Accumulate(BiasGradients[l], sums.BiasGradients[l], overwrite);
        }
    }

    private static void Accumulate(ReadOnlySpan<double> source, Span<double> target, bool overwrite)
    {
        if (overwrite)
        {
            source.CopyTo(target);
        }
        else
        {
            LinearAlgebra.FastLinearAlgebra.Axpy(1.0, source, target);
        }
    }
}
