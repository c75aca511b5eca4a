namespace SpectrumDsl.Training.Loop;

/// <summary>R = F - Y on the whole training set or on a batch of it (column-major n x c / b x c spans); allocation-free.</summary>
internal static class Residuals
{
    /// <summary>residual = outputs - labels for all n points.</summary>
    public static void Subtract(ReadOnlySpan<double> outputs, ReadOnlySpan<double> labels, Span<double> residual)
    {
        for (var i = 0; i < residual.Length; i++)
        {
            residual[i] = outputs[i] - labels[i];
        }
    }

    /// <summary>residual[j, a] = outputs[j, a] - labels[indices[j], a] for a batch of b = indices.Length points out of n.</summary>
    public static void Subtract(ReadOnlySpan<double> outputs, ReadOnlySpan<double> labels, int count, ReadOnlySpan<int> indices, Span<double> residual)
    {
        var b = indices.Length;
        var columns = residual.Length / b;
        for (var a = 0; a < columns; a++)
        {
            for (var j = 0; j < b; j++)
            {
                residual[a * b + j] = outputs[a * b + j] - labels[a * count + indices[j]];
            }
        }
    }

    /// <summary>||R||_F^2.</summary>
    public static double SquaredNorm(ReadOnlySpan<double> residual)
    {
        var squares = 0.0;
        for (var i = 0; i < residual.Length; i++)
        {
            squares += residual[i] * residual[i];
        }

        return squares;
    }
}
