using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>The infinite-width kernels of a <see cref="NetworkArchitecture"/> (NTK or NNGP), made from the same description as the finite network.</summary>
public abstract class NetworkKernel : ISphericalKernel
{
    private readonly bool ntk;

    private protected NetworkKernel(NetworkArchitecture architecture, bool ntk)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Architecture = architecture;
        this.ntk = ntk;
    }

    /// <summary>The network this kernel belongs to.</summary>
    public NetworkArchitecture Architecture { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"{Architecture.ActivationName} {(ntk ? "NTK" : "NNGP")} (depth {Architecture.Depth}, bias {Architecture.BiasScale:R})");

    /// <inheritdoc />
    public double Evaluate(Vector<double> x, Vector<double> z)
    {
        KernelInputs.CheckPair(x, z);
        return NetworkKernelRecursion.Evaluate(Architecture, x, z, ntk);
    }

    /// <inheritdoc />
    public Matrix<double> Gram(Matrix<double> x)
    {
        KernelInputs.CheckGram(x);
        var beta2 = Architecture.BiasScale * Architecture.BiasScale;
        // Lower triangle only: the recursion maps it and mirrors the result.
        var products = PointProducts.GramLower(x);
        // Variances from the product's own diagonal make rho exactly 1 there; norms summed
        // separately differ in the last bit, which arccos amplifies to ~1e-8 (sqrt of eps).
        var variances = new double[x.RowCount];
        for (var i = 0; i < variances.Length; i++)
        {
            variances[i] = products.At(i, i) / x.ColumnCount + beta2;
        }

        return NetworkKernelRecursion.Apply(Architecture, products, x.ColumnCount, variances, variances, ntk, symmetric: true);
    }

    /// <inheritdoc />
    public Matrix<double> Cross(Matrix<double> xNew, Matrix<double> x)
    {
        KernelInputs.CheckCross(xNew, x);
        var result = Matrix<double>.Build.Dense(xNew.RowCount, x.RowCount);
        CrossInto(xNew, x, InputVariances(x), result);
        return result;
    }

    /// <summary>
    /// <see cref="Cross"/> into <paramref name="destination"/> (xNew rows x x rows), with the input variances of
    /// <paramref name="x"/> computed once by the caller (<see cref="InputVariances"/>): blocked kernel products
    /// that evaluate thousands of pieces allocate nothing per piece.
    /// </summary>
    internal void CrossInto(Matrix<double> xNew, Matrix<double> x, double[] xVariances, Matrix<double> destination)
    {
        LinearAlgebra.FastLinearAlgebra.MultiplyTransposedInto(xNew, x, destination);
        NetworkKernelRecursion.Apply(Architecture, destination, x.ColumnCount, InputVariances(xNew), xVariances, ntk, symmetric: false);
    }

    /// <summary>Sigma0(x, x) of every row of <paramref name="x"/>, for <see cref="CrossInto"/>.</summary>
    internal double[] InputVariances(Matrix<double> x) => NetworkKernelRecursion.InputVariances(x, Architecture.BiasScale * Architecture.BiasScale);

    /// <inheritdoc />
    public double OnSphere(double t, int dimension)
    {
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"dimension must be >= 1 but was {dimension}.");
        }

        // Only x.z = t and |x| = |z| = 1 matter.
        return NetworkKernelRecursion.EvaluateFromProducts(Architecture, t, 1.0, 1.0, dimension, ntk);
    }
}

/// <summary>The neural tangent kernel Theta(L) of a <see cref="NetworkArchitecture"/> (docs/design.md#network); made by <see cref="NetworkArchitecture.Ntk"/>.</summary>
public sealed class NtkKernel : NetworkKernel
{
    /// <summary>The NTK of <paramref name="architecture"/>.</summary>
    internal NtkKernel(NetworkArchitecture architecture) : base(architecture, ntk: true)
    {
    }
}

/// <summary>The NNGP kernel Sigma(L) (output covariance at initialisation) of a <see cref="NetworkArchitecture"/>; made by <see cref="NetworkArchitecture.Nngp"/>.</summary>
public sealed class NngpKernel : NetworkKernel
{
    /// <summary>The NNGP of <paramref name="architecture"/>.</summary>
    internal NngpKernel(NetworkArchitecture architecture) : base(architecture, ntk: false)
    {
    }
}
