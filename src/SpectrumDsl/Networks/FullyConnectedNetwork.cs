using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Networks;

/// <summary>
/// The finite-width ReLU multilayer perceptron of DESIGN 2.1 in NTK parameterisation, with a
/// scalar output:
/// <c>h1 = W1 x / sqrt(d) + beta b1</c>, <c>h(l+1) = sqrt(2/m) W(l+1) relu(h(l)) + beta b(l+1)</c>,
/// <c>f = sqrt(2/m) W(L+1) relu(h(L)) + beta b(L+1)</c>, all weights and biases i.i.d. N(0, 1) at
/// initialisation. Its empirical NTK J J^T converges to <see cref="NetworkArchitecture.Ntk"/> as the
/// width grows. Batches are matrices with one point per row; all passes are matrix products.
/// </summary>
/// <remarks>
/// The flat parameter vector (see <see cref="CopyParameters"/>) lists the layers in order, each
/// as its weight matrix W_l (out x in, column-major) followed by its bias b_l. Instances are not
/// thread-safe.
/// </remarks>
public sealed class FullyConnectedNetwork
{
    private readonly Matrix<double>[] weights;
    private readonly double[][] biases;
    private readonly double[] scales;
    private readonly int[] outputs;
    private readonly int[] inputs;

    private FullyConnectedNetwork(NetworkArchitecture architecture, int inputDimension, int width, Matrix<double>[] weights, double[][] biases)
    {
        Architecture = architecture;
        InputDimension = inputDimension;
        Width = width;
        this.weights = weights;
        this.biases = biases;
        var layers = weights.Length;
        scales = new double[layers];
        outputs = new int[layers];
        inputs = new int[layers];
        for (var l = 0; l < layers; l++)
        {
            scales[l] = l == 0 ? 1.0 / Math.Sqrt(inputDimension) : Math.Sqrt(2.0 / width);
            outputs[l] = weights[l].RowCount;
            inputs[l] = weights[l].ColumnCount;
        }

        ParameterCount = weights.Sum(w => w.RowCount * (w.ColumnCount + 1));
    }

    /// <summary>Depth and bias scale: the same description the analytic kernels are made from.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>d, the input dimension.</summary>
    public int InputDimension { get; }

    /// <summary>m, the width of every hidden layer.</summary>
    public int Width { get; }

    /// <summary>The number of trainable parameters (weights and biases; biases are present, if scaled by 0, when beta = 0).</summary>
    public int ParameterCount { get; }

    /// <summary>Creates a network with all weights and biases i.i.d. N(0, 1), reproducible from <paramref name="seed"/>.</summary>
    /// <param name="architecture">Depth L and bias scale beta.</param>
    /// <param name="inputDimension">d, at least 1.</param>
    /// <param name="width">m, at least 1.</param>
    /// <param name="seed">Seed of the Gaussian initialisation (parameters are drawn in flat order).</param>
    public static FullyConnectedNetwork Create(NetworkArchitecture architecture, int inputDimension, int width, int seed)
    {
        Guard.NotNull(architecture, nameof(architecture));
        Guard.AtLeast(inputDimension, 1, nameof(inputDimension));
        Guard.AtLeast(width, 1, nameof(width), "The width m is the number of units per hidden layer.");
        var layers = architecture.Depth + 1;
        var sampler = new GaussianSampler(seed);
        var weights = new Matrix<double>[layers];
        var biases = new double[layers][];
        for (var l = 0; l < layers; l++)
        {
            var rows = l == layers - 1 ? 1 : width;
            var columns = l == 0 ? inputDimension : width;
            var data = new double[rows * columns];
            sampler.Fill(data);
            weights[l] = Matrix<double>.Build.Dense(rows, columns, data);
            biases[l] = new double[rows];
            sampler.Fill(biases[l]);
        }

        return new FullyConnectedNetwork(architecture, inputDimension, width, weights, biases);
    }

    /// <summary>An independent copy with the same parameters.</summary>
    public FullyConnectedNetwork Clone() =>
        new(Architecture, InputDimension, Width, weights.Select(w => w.Clone()).ToArray(), biases.Select(b => (double[])b.Clone()).ToArray());

    /// <summary>The parameters as one flat vector (a copy), in the layout described in the remarks.</summary>
    public double[] CopyParameters()
    {
        var result = new double[ParameterCount];
        CopyParametersTo(result);
        return result;
    }

    /// <summary>Writes the flat parameters into <paramref name="destination"/> (length <see cref="ParameterCount"/>) without allocating.</summary>
    public void CopyParametersTo(Span<double> destination)
    {
        Guard.SameLength(destination.Length, nameof(destination), ParameterCount, "the network's parameter count");
        var offset = 0;
        for (var l = 0; l < weights.Length; l++)
        {
            var w = NetworkMath.Data(weights[l]);
            w.CopyTo(destination.Slice(offset, w.Length));
            offset += w.Length;
            biases[l].CopyTo(destination.Slice(offset, biases[l].Length));
            offset += biases[l].Length;
        }
    }

    /// <summary>
    /// Replaces all parameters by <paramref name="parameters"/> (a flat vector as from
    /// <see cref="CopyParameters"/>). Validated before anything is written, so a rejected call
    /// leaves the network unchanged.
    /// </summary>
    public void RestoreParameters(ReadOnlySpan<double> parameters)
    {
        Guard.SameLength(parameters.Length, nameof(parameters), ParameterCount, "the network's parameter count");
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!double.IsFinite(parameters[i]))
            {
                throw new ArgumentException($"parameters must be finite but entry {i} is {Guard.Format(parameters[i])}.", nameof(parameters));
            }
        }

        var offset = 0;
        for (var l = 0; l < weights.Length; l++)
        {
            var w = NetworkMath.Data(weights[l]);
            parameters.Slice(offset, w.Length).CopyTo(w);
            offset += w.Length;
            parameters.Slice(offset, biases[l].Length).CopyTo(biases[l]);
            offset += biases[l].Length;
        }
    }

    /// <summary>f(X) for every row of <paramref name="x"/> (batched forward pass).</summary>
    public Vector<double> Predict(Matrix<double> x)
    {
        CheckPoints(x, nameof(x));
        var workspace = CreateWorkspace(x.RowCount);
        Forward(workspace, ToDense(x));
        return Vector<double>.Build.Dense((double[])workspace.Output.Clone());
    }

    /// <summary>
    /// J^T v = sum_j v_j grad_w f(x_j), the backpropagation of <paramref name="v"/> through the whole
    /// batch, as a flat parameter vector; J is never formed.
    /// </summary>
    public Vector<double> Gradient(Matrix<double> x, Vector<double> v)
    {
        CheckPoints(x, nameof(x));
        Guard.Finite(v, nameof(v));
        Guard.SameLength(v.Count, nameof(v), x.RowCount, "x (rows)");
        var workspace = CreateWorkspace(x.RowCount);
        var input = ToDense(x);
        Forward(workspace, input);
        Backward(workspace, input, v.ToArray(), gradients: true);
        var result = new double[ParameterCount];
        CopyGradientsTo(workspace, result);
        return Vector<double>.Build.Dense(result);
    }

    /// <summary>
    /// The empirical NTK J J^T on the rows of <paramref name="x"/>, computed layer by layer
    /// without forming J: sum_l (c_l^2 A_(l-1) A_(l-1)^T + beta^2) .* (G_l G_l^T), where A are the
    /// layer inputs, G the per-point backpropagated signals and c_l the layer scale.
    /// </summary>
    public Matrix<double> EmpiricalNtk(Matrix<double> x)
    {
        CheckPoints(x, nameof(x));
        var n = x.RowCount;
        var workspace = CreateWorkspace(n);
        var input = ToDense(x);
        Forward(workspace, input);
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        Backward(workspace, input, ones, gradients: false);
        var beta2 = Architecture.BiasScale * Architecture.BiasScale;
        var result = new double[n * n];
        var signalGram = Matrix<double>.Build.Dense(n, n);
        var inputGram = Matrix<double>.Build.Dense(n, n);
        var s = NetworkMath.Data(signalGram);
        var a = NetworkMath.Data(inputGram);
        for (var l = 0; l < weights.Length; l++)
        {
            var layerInput = l == 0 ? input : workspace.Activations[l - 1];
            NetworkMath.MultiplyTransposedInto(workspace.Signals[l], workspace.Signals[l], signalGram);
            NetworkMath.MultiplyTransposedInto(layerInput, layerInput, inputGram);
            var c2 = scales[l] * scales[l];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += (c2 * a[i] + beta2) * s[i];
            }
        }

        var ntk = Matrix<double>.Build.Dense(n, n, result);
        // Exact symmetry (round-off differs between the two triangles of a product).
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var mean = 0.5 * (result[j * n + i] + result[i * n + j]);
                result[j * n + i] = mean;
                result[i * n + j] = mean;
            }
        }

        return ntk;
    }

    internal int LayerCount => weights.Length;

    internal NetworkWorkspace CreateWorkspace(int batchSize) => new(batchSize, InputDimension, outputs, inputs);

    /// <summary>Forward pass over <paramref name="input"/> (batch x d, dense) into the workspace; allocation-free.</summary>
    internal void Forward(NetworkWorkspace workspace, Matrix<double> input)
    {
        var beta = Architecture.BiasScale;
        var n = workspace.BatchSize;
        for (var l = 0; l < weights.Length; l++)
        {
            var layerInput = l == 0 ? input : workspace.Activations[l - 1];
            var pre = workspace.PreActivations[l];
            NetworkMath.MultiplyTransposedInto(layerInput, weights[l], pre);
            var h = NetworkMath.Data(pre);
            var c = scales[l];
            var b = biases[l];
            for (var j = 0; j < b.Length; j++)
            {
                var shift = beta * b[j];
                var column = h.AsSpan(j * n, n);
                for (var i = 0; i < column.Length; i++)
                {
                    column[i] = c * column[i] + shift;
                }
            }

            if (l < weights.Length - 1)
            {
                var act = NetworkMath.Data(workspace.Activations[l]);
                for (var i = 0; i < h.Length; i++)
                {
                    act[i] = Math.Max(h[i], 0.0);
                }
            }
        }
    }

    /// <summary>
    /// Backpropagates output weights <paramref name="v"/> (one per batch point) after
    /// <see cref="Forward"/>: per-point signals, and when <paramref name="gradients"/> is set,
    /// J^T v per layer into the workspace; allocation-free.
    /// </summary>
    internal void Backward(NetworkWorkspace workspace, Matrix<double> input, ReadOnlySpan<double> v, bool gradients)
    {
        var beta = Architecture.BiasScale;
        var n = workspace.BatchSize;
        v.CopyTo(NetworkMath.Data(workspace.Signals[^1]));
        for (var l = weights.Length - 1; l >= 0; l--)
        {
            var signal = workspace.Signals[l];
            if (gradients)
            {
                var layerInput = l == 0 ? input : workspace.Activations[l - 1];
                NetworkMath.TransposeAndMultiplyInto(signal, layerInput, workspace.WeightGradients[l]);
                var g = NetworkMath.Data(workspace.WeightGradients[l]);
                var c = scales[l];
                for (var i = 0; i < g.Length; i++)
                {
                    g[i] *= c;
                }

                var s = NetworkMath.Data(signal);
                var bias = workspace.BiasGradients[l];
                for (var j = 0; j < bias.Length; j++)
                {
                    var sum = 0.0;
                    var column = s.AsSpan(j * n, n);
                    for (var i = 0; i < column.Length; i++)
                    {
                        sum += column[i];
                    }

                    bias[j] = beta * sum;
                }
            }

            if (l > 0)
            {
                var previous = workspace.Signals[l - 1];
                NetworkMath.MultiplyInto(signal, weights[l], previous);
                var p = NetworkMath.Data(previous);
                var h = NetworkMath.Data(workspace.PreActivations[l - 1]);
                var c = scales[l];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i] = h[i] > 0 ? c * p[i] : 0.0;
                }
            }
        }
    }

    /// <summary>w -= step * (J^T v) using the gradients in the workspace; allocation-free.</summary>
    internal void Descend(NetworkWorkspace workspace, double step)
    {
        for (var l = 0; l < weights.Length; l++)
        {
            var w = NetworkMath.Data(weights[l]);
            var g = NetworkMath.Data(workspace.WeightGradients[l]);
            for (var i = 0; i < w.Length; i++)
            {
                w[i] -= step * g[i];
            }

            var b = biases[l];
            var gb = workspace.BiasGradients[l];
            for (var i = 0; i < b.Length; i++)
            {
                b[i] -= step * gb[i];
            }
        }
    }

    /// <summary>w += scale * delta for a flat parameter vector <paramref name="delta"/>; allocation-free.</summary>
    internal void AddFlat(ReadOnlySpan<double> delta, double scale)
    {
        var offset = 0;
        for (var l = 0; l < weights.Length; l++)
        {
            var w = NetworkMath.Data(weights[l]);
            for (var i = 0; i < w.Length; i++)
            {
                w[i] += scale * delta[offset + i];
            }

            offset += w.Length;
            var b = biases[l];
            for (var i = 0; i < b.Length; i++)
            {
                b[i] += scale * delta[offset + i];
            }

            offset += b.Length;
        }
    }

    /// <summary>Flattens the workspace's per-layer gradients in parameter order.</summary>
    internal void CopyGradientsTo(NetworkWorkspace workspace, Span<double> destination)
    {
        var offset = 0;
        for (var l = 0; l < weights.Length; l++)
        {
            var g = NetworkMath.Data(workspace.WeightGradients[l]);
            g.CopyTo(destination.Slice(offset, g.Length));
            offset += g.Length;
            workspace.BiasGradients[l].CopyTo(destination.Slice(offset, workspace.BiasGradients[l].Length));
            offset += workspace.BiasGradients[l].Length;
        }
    }

    internal void CheckPoints(Matrix<double> x, string parameter)
    {
        Guard.Points(x, parameter);
        Guard.SameDimension(x, parameter, InputDimension, "the network's input layer");
    }

    internal static Matrix<double> ToDense(Matrix<double> x) =>
        x.AsColumnMajorArray() is not null ? x : Matrix<double>.Build.DenseOfMatrix(x);
}
