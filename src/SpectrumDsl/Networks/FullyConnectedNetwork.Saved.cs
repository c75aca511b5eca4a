using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Persistence;

namespace SpectrumDsl.Networks;

/// <summary>A network in a saved file: its architecture, shapes and flat parameters, read back exactly.</summary>
public sealed partial class FullyConnectedNetwork
{
    /// <summary>Writes the architecture (activation, depth, bias scale), d, m, c and the flat parameters.</summary>
    internal void Write(BinaryWriter w)
    {
        w.Write((int)Architecture.Activation);
        w.Write(Architecture.Depth);
        w.Write(Architecture.BiasScale);
        w.Write(InputDimension);
        w.Write(Width);
        w.Write(OutputCount);
        SavedBinary.Write(w, CopyParameters());
    }

    /// <summary>The network <see cref="Write"/> wrote: same architecture, shapes and parameters, bit for bit.</summary>
    /// <exception cref="InvalidDataException">The shapes and the parameter count do not fit together.</exception>
    internal static FullyConnectedNetwork Read(BinaryReader r)
    {
        var architecture = new NetworkArchitecture(SavedBinary.ReadEnum<Activation>(r), r.ReadInt32(), r.ReadDouble());
        var inputDimension = r.ReadInt32();
        var width = r.ReadInt32();
        var outputs = r.ReadInt32();
        var parameters = SavedBinary.ReadDoubles(r);
        var expected = inputDimension < 1 || width < 1 || outputs < 1
            ? -1
            : (long)width * (inputDimension + 1) + (architecture.Depth - 1L) * width * (width + 1) + (long)outputs * (width + 1);
        if (parameters.Length != expected)
        {
            throw new InvalidDataException(
                $"the network ({architecture.Description}, d = {inputDimension}, width {width}, {outputs} outputs) holds {parameters.Length} parameters where {expected} belong");
        }

        var layers = architecture.Depth + 1;
        var weights = new Matrix<double>[layers];
        var biases = new double[layers][];
        for (var l = 0; l < layers; l++)
        {
            var rows = l == layers - 1 ? outputs : width;
            weights[l] = Matrix<double>.Build.Dense(rows, l == 0 ? inputDimension : width);
            biases[l] = new double[rows];
        }

        var network = new FullyConnectedNetwork(architecture, inputDimension, width, weights, biases);
        network.RestoreParameters(parameters);
        return network;
    }
}
