using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// K(rows, X) for one fixed X and many row blocks: for a <see cref="NetworkKernel"/> into a caller's buffer, with X's
/// input variances computed once, so blocked kernel products allocate nothing per block (a fresh 32 MB block each
/// time piled up gigabytes of garbage in EigenPro's epochs and the Nystrom extension at n = 60 000); other kernels
/// go through <see cref="IKernel.Cross"/>.
/// </summary>
internal sealed class CrossEvaluator(IKernel kernel, Matrix<double> x)
{
    private readonly double[]? variances = (kernel as NetworkKernel)?.InputVariances(x);

    /// <summary>The fixed points' count (the columns of every block).</summary>
    public int Columns => x.RowCount;

    /// <summary>K(rows, X) in <paramref name="destination"/> (rows x <see cref="Columns"/>) when the kernel allows it, else a new matrix.</summary>
    public Matrix<double> Into(Matrix<double> rows, Matrix<double> destination)
    {
        if (kernel is not NetworkKernel network || variances is null)
        {
            return kernel.Cross(rows, x);
        }

        network.CrossInto(rows, x, variances, destination);
        return destination;
    }
}
