using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Networks;

/// <summary>
/// The finite-width fully connected network of a <see cref="NetworkArchitecture"/> in NTK
/// parameterisation (docs/design.md#network), with c outputs:
/// <c>h1 = W1 x / sqrt(d) + beta b1</c>, <c>h(l+1) = sqrt(c_sigma/m) W(l+1) phi(h(l)) + beta b(l+1)</c>,
/// <c>f = sqrt(c_sigma/m) W(L+1) phi(h(L)) + beta b(L+1)</c> (W(L+1) is c x m), all weights and biases
/// i.i.d. N(0, 1) at initialisation. The empirical NTK of each output, J_a J_a^T, converges to
/// <see cref="NetworkArchitecture.Ntk"/> as the width grows, and different outputs decouple (the
/// infinite-width NTK of all outputs is K (x) I_c). Batches are matrices with one point per row; all
/// passes are matrix products.
/// </summary>
/// <remarks>
/// The flat parameter vector (see <see cref="CopyParameters"/>) lists the layers in order, each
/// as its weight matrix W_l (out x in, column-major) followed by its bias b_l. With one output this
/// is bit for bit the layout (and, for a seed, the initialisation) of a scalar network. Instances are
/// not thread-safe.
/// </remarks>
public sealed partial class FullyConnectedNetwork
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
        var hidden = Math.Sqrt(Activations.ScaleFactor(architecture.Activation) / width);
        for (var l = 0; l < layers; l++)
        {
            scales[l] = l == 0 ? 1.0 / Math.Sqrt(inputDimension) : hidden;
            outputs[l] = weights[l].RowCount;
            inputs[l] = weights[l].ColumnCount;
        }

        OutputCount = outputs[^1];
        ParameterCount = weights.Sum(w => w.RowCount * (w.ColumnCount + 1));
    }

    /// <summary>Activation, depth and bias scale: the same description the analytic kernels are made from.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <summary>d, the input dimension.</summary>
    public int InputDimension { get; }

    /// <summary>m, the width of every hidden layer.</summary>
    public int Width { get; }

    /// <summary>c, the number of outputs.</summary>
    public int OutputCount { get; }

    /// <summary>The number of trainable parameters (weights and biases; biases are present, if scaled by 0, when beta = 0).</summary>
    public int ParameterCount { get; }

    /// <summary>Creates a network with all weights and biases i.i.d. N(0, 1), reproducible from <paramref name="seed"/>.</summary>
    /// <param name="architecture">Activation, depth L and bias scale beta.</param>
    /// <param name="inputDimension">d, at least 1.</param>
    /// <param name="width">m, at least 1.</param>
    /// <param name="seed">Seed of the Gaussian initialisation (parameters are drawn in flat order).</param>
    /// <param name="outputs">c, the number of outputs (default 1).</param>
    public static FullyConnectedNetwork Create(NetworkArchitecture architecture, int inputDimension, int width, int seed, int outputs = 1)
    {
        Guard.NotNull(architecture, nameof(architecture));
        Guard.AtLeast(inputDimension, 1, nameof(inputDimension));
        Guard.AtLeast(width, 1, nameof(width), "The width m is the number of units per hidden layer.");
        Guard.AtLeast(outputs, 1, nameof(outputs), "A network has at least one output.");
        var layers = architecture.Depth + 1;
        var sampler = new GaussianSampler(seed);
        var weights = new Matrix<double>[layers];
        var biases = new double[layers][];
        for (var l = 0; l < layers; l++)
        {
            var rows = l == layers - 1 ? outputs : width;
            var columns = l == 0 ? inputDimension : width;
            var data = new double[rows * columns];
            sampler.Fill(data);
            weights[l] = Matrix<double>.Build.Dense(rows, columns, data);
            biases[l] = new double[rows];
            sampler.Fill(biases[l]);
        }

        return new FullyConnectedNetwork(architecture, inputDimension, width, weights, biases);
    }

    /// <summary>The number of parameters of the network <see cref="Create"/> makes with these shapes.</summary>
    internal static int CountParameters(NetworkArchitecture architecture, int inputDimension, int width, int outputs) =>
        width * (inputDimension + 1) + (architecture.Depth - 1) * width * (width + 1) + outputs * (width + 1);

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

    /// <summary>f(X) for every row of <paramref name="x"/> (batched forward pass) of a single-output network.</summary>
    /// <exception cref="InvalidOperationException">The network has more than one output (use <see cref="PredictOutputs"/>).</exception>
    public Vector<double> Predict(Matrix<double> x)
    {
        RequireSingleOutput(nameof(PredictOutputs));
        return PredictOutputs(x).Column(0);
    }

    /// <summary>F(X), one row per point of <paramref name="x"/> and one column per output (n x c).</summary>
    /// <remarks>Large sets go through in chunks of <see cref="PredictionChunk"/> rows, so memory stays O(chunk m).</remarks>
    public Matrix<double> PredictOutputs(Matrix<double> x)
    {
        var result = new double[x.RowCount * OutputCount];
        new ChunkedForward(this, x).Outputs(result);
        return Matrix<double>.Build.Dense(x.RowCount, OutputCount, result);
    }

    /// <summary>Rows per forward pass of <see cref="PredictOutputs"/> on large sets.</summary>
    internal const int PredictionChunk = 4096;

    /// <summary>
    /// J^T v = sum_j v_j grad_w f(x_j) for a single-output network: the backpropagation of
    /// <paramref name="v"/> through the whole batch, as a flat parameter vector; J is never formed.
    /// </summary>
    public Vector<double> Gradient(Matrix<double> x, Vector<double> v)
    {
        RequireSingleOutput("Gradient(x, Matrix)");
        Guard.NotNull(v, nameof(v));
        return Gradient(x, Matrix<double>.Build.DenseOfColumnVectors(v));
    }

    /// <summary>
    /// J^T vec(V) = sum_(j,a) V[j, a] grad_w f_a(x_j): the backpropagation of the n x c output weights
    /// <paramref name="v"/>, as a flat parameter vector; J is never formed.
    /// </summary>
    public Vector<double> Gradient(Matrix<double> x, Matrix<double> v)
    {
        CheckPoints(x, nameof(x));
        Guard.NotNull(v, nameof(v));
        Guard.Finite(v, nameof(v));
        Guard.SameLength(v.RowCount, nameof(v), x.RowCount, "x (rows)");
        Guard.SameLength(v.ColumnCount, $"{nameof(v)} (columns)", OutputCount, "the network's output count");
        var workspace = CreateWorkspace(x.RowCount);
        var input = ToDense(x);
        Forward(workspace, input);
        Backward(workspace, input, v.AsColumnMajorArray() ?? v.ToColumnMajorArray(), gradients: true);
        var result = new double[ParameterCount];
        CopyGradientsTo(workspace, result);
        return Vector<double>.Build.Dense(result);
    }

    /// <summary>
    /// The empirical NTK on the rows of <paramref name="x"/>, averaged over the outputs:
    /// (1/c) sum_a J_a J_a^T, computed layer by layer without forming J:
    /// sum_l (c_l^2 A_(l-1) A_(l-1)^T + beta^2) .* (1/c) sum_a G_(l,a) G_(l,a)^T, where A are the layer
    /// inputs, G_(l,a) the per-point signals backpropagated from output a and c_l the layer scale.
    /// </summary>
    /// <remarks>
    /// The mean of the diagonal blocks of the nc x nc empirical NTK: the outputs share the hidden layers,
    /// so its off-diagonal blocks are not zero at finite width, but they vanish in the limit, where every
    /// diagonal block tends to the one scalar kernel K. One scalar Gram is what S is built from.
    /// </remarks>
    public Matrix<double> EmpiricalNtk(Matrix<double> x)
    {
        CheckPoints(x, nameof(x));
        var n = x.RowCount;
        var c = OutputCount;
        var workspace = CreateWorkspace(n);
        var input = ToDense(x);
        Forward(workspace, input);
        var weightsOut = new double[n * c];
        var signalSums = new double[weights.Length][];
        var signalGram = Matrix<double>.Build.Dense(n, n);
        var s = NetworkMath.Data(signalGram);
        for (var a = 0; a < c; a++)
        {
            Array.Clear(weightsOut);
            weightsOut.AsSpan(a * n, n).Fill(1.0);
            Backward(workspace, input, weightsOut, gradients: false);
            for (var l = 0; l < weights.Length; l++)
            {
                NetworkMath.MultiplyTransposedInto(workspace.Signals[l], workspace.Signals[l], signalGram);
                if (signalSums[l] is not { } sum)
                {
                    signalSums[l] = (double[])s.Clone();
                    continue;
                }

                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += s[i];
                }
            }
        }

        var beta2 = Architecture.BiasScale * Architecture.BiasScale;
        var result = new double[n * n];
        var inputGram = Matrix<double>.Build.Dense(n, n);
        var products = NetworkMath.Data(inputGram);
        for (var l = 0; l < weights.Length; l++)
        {
            var layerInput = l == 0 ? input : workspace.Activations[l - 1];
            NetworkMath.MultiplyTransposedInto(layerInput, layerInput, inputGram);
            var c2 = scales[l] * scales[l];
            var sum = signalSums[l]!;
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += (c2 * products[i] + beta2) * (sum[i] / c);
            }
        }

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

        return Matrix<double>.Build.Dense(n, n, result);
    }

    internal int LayerCount => weights.Length;

    internal NetworkWorkspace CreateWorkspace(int batchSize) => new(batchSize, InputDimension, outputs, inputs);

    /// <summary>Forward pass over <paramref name="input"/> (batch x d, dense) into the workspace; allocation-free.</summary>
    internal void Forward(NetworkWorkspace workspace, Matrix<double> input)
    {
        var beta = Architecture.BiasScale;
        for (var l = 0; l < weights.Length; l++)
        {
            var layerInput = l == 0 ? input : workspace.Activations[l - 1];
            var pre = workspace.PreActivations[l];
            // h = c W a + beta b, and a ReLU layer's max(h, 0), in the product's pass over h (docs/design.md#network).
            var hidden = l < weights.Length - 1;
            var rectify = hidden && Architecture.Activation == Activation.Relu;
            NetworkMath.AffineMultiplyTransposedInto(layerInput, weights[l], scales[l], beta, biases[l], rectify ? workspace.Activations[l] : null, pre);
            if (hidden && !rectify)
            {
                Activations.Apply(Architecture.Activation, NetworkMath.Data(pre), NetworkMath.Data(workspace.Activations[l]));
            }
        }
    }

    /// <summary>
    /// Backpropagates output weights <paramref name="v"/> (batch x c, column-major) after
    /// <see cref="Forward"/>: per-point signals, and when <paramref name="gradients"/> is set,
    /// J^T vec(v) per layer into the workspace; allocation-free.
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
                Activations.MultiplyDerivative(Architecture.Activation, NetworkMath.Data(workspace.PreActivations[l - 1]), NetworkMath.Data(previous), scales[l]);
            }
        }
    }

    /// <summary>
    /// The directional derivative of the outputs, J u (batch x c, into <paramref name="tangents"/>'s last
    /// buffer), for the parameter direction held as per-layer gradients in <paramref name="direction"/>
    /// (e.g. J^T v from <see cref="Backward"/>), after <see cref="Forward"/> on <paramref name="input"/> into
    /// <paramref name="workspace"/>: forward-mode differentiation, about one more forward pass; allocation-free.
    /// </summary>
    /// <remarks>
    /// dh_l = c_l (dW_l a_(l-1) + W_l da_(l-1)) + beta db_l and da_l = phi'(h_l) .* dh_l, with da_0 = 0 for the input.
    /// </remarks>
    internal void Tangent(NetworkWorkspace workspace, Matrix<double> input, NetworkWorkspace direction, NetworkWorkspace tangents)
    {
        var beta = Architecture.BiasScale;
        var n = workspace.BatchSize;
        for (var l = 0; l < weights.Length; l++)
        {
            var layerInput = l == 0 ? input : workspace.Activations[l - 1];
            var dh = tangents.PreActivations[l];
            NetworkMath.MultiplyTransposedInto(layerInput, direction.WeightGradients[l], dh);
            var t = NetworkMath.Data(dh);
            if (l > 0)
            {
                // The previous layer's activation tangent, phi'(h) .* dh, sits in tangents.Activations.
                var scratch = tangents.Signals[l];
                NetworkMath.MultiplyTransposedInto(tangents.Activations[l - 1], weights[l], scratch);
                var extra = NetworkMath.Data(scratch);
                for (var i = 0; i < t.Length; i++)
                {
                    t[i] += extra[i];
                }
            }

            var c = scales[l];
            var db = direction.BiasGradients[l];
            for (var j = 0; j < db.Length; j++)
            {
                var shift = beta * db[j];
                var column = t.AsSpan(j * n, n);
                for (var i = 0; i < column.Length; i++)
                {
                    column[i] = c * column[i] + shift;
                }
            }

            if (l < weights.Length - 1)
            {
                var da = NetworkMath.Data(tangents.Activations[l]);
                t.CopyTo(da, 0);
                Activations.MultiplyDerivative(Architecture.Activation, NetworkMath.Data(workspace.PreActivations[l]), da, 1.0);
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
    internal void AddFlat(ReadOnlySpan<double> delta, double scale) => AddFlatInto(delta, scale, weights, biases);

    /// <summary>The workspace's gradients += <paramref name="delta"/> (flat, in parameter order).</summary>
    internal void AddFlatToGradients(ReadOnlySpan<double> delta, NetworkWorkspace workspace) =>
        AddFlatInto(delta, 1.0, workspace.WeightGradients, workspace.BiasGradients);

    // Per layer in parameter order: the weights (column-major) then the biases.
    private static void AddFlatInto(ReadOnlySpan<double> delta, double scale, Matrix<double>[] layerWeights, double[][] layerBiases)
    {
        var offset = 0;
        for (var l = 0; l < layerWeights.Length; l++)
        {
            var w = NetworkMath.Data(layerWeights[l]);
            for (var i = 0; i < w.Length; i++)
            {
                w[i] += scale * delta[offset + i];
            }

            offset += w.Length;
            var b = layerBiases[l];
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

    private void RequireSingleOutput(string alternative)
    {
        if (OutputCount != 1)
        {
            throw new InvalidOperationException($"The network has {OutputCount} outputs; use {alternative} for a matrix with one column per output.");
        }
    }

    internal static Matrix<double> ToDense(Matrix<double> x) =>
        x.AsColumnMajorArray() is not null ? x : Matrix<double>.Build.DenseOfMatrix(x);
}
