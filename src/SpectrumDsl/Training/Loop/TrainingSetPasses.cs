using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Networks;

namespace SpectrumDsl.Training.Loop;

/// <summary>
/// Forward and backward passes over the whole training set: in one piece when its buffers fit, else in chunks
/// of rows (the Nystrom path's n = 60 000 at width 4096 would need gigabytes per layer buffer), so a run never
/// holds an n x m activation. Chunked gradients are summed before one update, so the step is the same
/// full-batch step up to the order of the sums.
/// </summary>
internal sealed class TrainingSetPasses
{
    // The whole set in one workspace up to this many bytes of layer buffers; chunks of about a tenth of it above.
    private const double WholeSetBytes = 2e9;

    private readonly FullyConnectedNetwork network;
    private readonly Matrix<double> points;
    private readonly double[] pointData;
    private readonly NetworkWorkspace workspace;
    private readonly NetworkWorkspace? sums;
    private readonly double[]? chunkDirection;
    private readonly int count;

    public TrainingSetPasses(FullyConnectedNetwork network, Matrix<double> points)
    {
        this.network = network;
        this.points = points;
        count = points.RowCount;
        pointData = points.AsColumnMajorArray() ?? points.ToColumnMajorArray();
        var bytesPerRow = 3.0 * sizeof(double) * (network.Width * network.Architecture.Depth + network.OutputCount);
        ChunkRows = count * bytesPerRow <= WholeSetBytes ? count : Math.Clamp((int)(WholeSetBytes / 10 / bytesPerRow), 256, count);
        workspace = network.CreateWorkspace(ChunkRows);
        if (ChunkRows < count)
        {
            sums = network.CreateWorkspace(1);
            chunkDirection = new double[ChunkRows * network.OutputCount];
        }
    }

    /// <summary>Rows per pass (n when the whole set fits).</summary>
    public int ChunkRows { get; }

    /// <summary>F(X) into <paramref name="outputs"/> (n x c, column-major) at the current parameters.</summary>
    public void Outputs(Span<double> outputs)
    {
        if (sums is null)
        {
            network.Forward(workspace, points);
            workspace.Output.CopyTo(outputs);
            return;
        }

        var c = network.OutputCount;
        for (var start = 0; start < count; start += ChunkRows)
        {
            var rows = Forward(start);
            var output = workspace.Output;
            for (var a = 0; a < c; a++)
            {
                output.AsSpan(a * ChunkRows, rows).CopyTo(outputs.Slice(a * count + start, rows));
            }
        }
    }

    /// <summary>
    /// w -= eta J^T vec(<paramref name="direction"/>) (n x c, column-major). In one piece it reuses the forward
    /// pass of the last <see cref="Outputs"/> (the parameters have not moved since); in chunks it runs them again.
    /// </summary>
    public void Descend(ReadOnlySpan<double> direction, double stepSize)
    {
        if (sums is null)
        {
            network.Backward(workspace, points, direction, gradients: true);
            network.Descend(workspace, stepSize);
            return;
        }

        var c = network.OutputCount;
        var first = true;
        for (var start = 0; start < count; start += ChunkRows)
        {
            var rows = Forward(start);
            Array.Clear(chunkDirection!);
            for (var a = 0; a < c; a++)
            {
                direction.Slice(a * count + start, rows).CopyTo(chunkDirection.AsSpan(a * ChunkRows, rows));
            }

            // Rows past the end of a short last chunk carry weight 0: they add nothing to the gradient.
            network.Backward(workspace, workspace.Input, chunkDirection, gradients: true);
            workspace.AddGradientsTo(sums, first);
            first = false;
        }

        network.Descend(sums, stepSize);
    }

    // Gathers rows [start, start + rows) into the chunk's input (zeros after a short last chunk) and runs forward.
    private int Forward(int start)
    {
        var rows = Math.Min(ChunkRows, count - start);
        LinearAlgebra.FastLinearAlgebra.CopyRows(pointData, count, start, rows, NetworkMath.Data(workspace.Input), ChunkRows);
        network.Forward(workspace, workspace.Input);
        return rows;
    }
}
