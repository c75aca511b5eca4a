namespace SpectrumDsl;

/// <summary>How a wide network is trained.</summary>
public enum Optimizer
{
    /// <summary>Plain gradient descent: <c>w &lt;- w - eta J^T r</c>.</summary>
    GradientDescent,

    /// <summary>Preconditioned gradient descent: <c>w &lt;- w - eta J^T S r</c> with S built from the Gram eigenpairs.</summary>
    Preconditioned,
}
