using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Networks;

/// <summary>
/// F(X) for a fixed set of points in row chunks of <see cref="FullyConnectedNetwork.PredictionChunk"/>, through
/// workspaces made once: a run that evaluates its test set at every record allocates nothing per evaluation
/// (a fresh workspace per chunk would be chunk x width doubles of garbage per chunk, which the collector lets
/// pile up into gigabytes of working set). The chunk boundaries are those of
/// <see cref="FullyConnectedNetwork.PredictOutputs"/>, so the outputs are the same bits.
/// </summary>
internal sealed class ChunkedForward
{
    private readonly FullyConnectedNetwork network;
    private readonly double[] points;
    private readonly int count;
    private readonly NetworkWorkspace chunk;
    private readonly NetworkWorkspace? remainder;

    public ChunkedForward(FullyConnectedNetwork network, Matrix<double> x)
    {
        network.CheckPoints(x, nameof(x));
        this.network = network;
        points = x.AsColumnMajorArray() ?? FullyConnectedNetwork.ToDense(x).AsColumnMajorArray()!;
        count = x.RowCount;
        var rows = Math.Min(count, FullyConnectedNetwork.PredictionChunk);
        chunk = network.CreateWorkspace(rows);
        var rest = count % rows;
        remainder = rest == 0 ? null : network.CreateWorkspace(rest);
    }

    /// <summary>F(X) at the network's current parameters into <paramref name="outputs"/> (n x c, column-major); allocation-free.</summary>
    public void Outputs(Span<double> outputs)
    {
        var c = network.OutputCount;
        for (var start = 0; start < count; start += chunk.BatchSize)
        {
            var workspace = start + chunk.BatchSize <= count ? chunk : remainder!;
            var rows = workspace.BatchSize;
            LinearAlgebra.FastLinearAlgebra.CopyRows(points, count, start, rows, NetworkMath.Data(workspace.Input), rows);
            network.Forward(workspace, workspace.Input);
            for (var a = 0; a < c; a++)
            {
                workspace.Output.AsSpan(a * rows, rows).CopyTo(outputs.Slice(a * count + start, rows));
            }
        }
    }
}
