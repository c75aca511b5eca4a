namespace SpectrumDsl.Regression;

/// <summary>
/// The Gram matrix is singular to working precision (duplicate training points, or more
/// points than the kernel can separate), so interpolation has no unique solution.
/// </summary>
public sealed class SingularGramException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public SingularGramException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
