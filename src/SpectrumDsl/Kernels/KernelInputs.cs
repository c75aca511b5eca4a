using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Kernels;

/// <summary>Input checks shared by every kernel's Evaluate, Gram and Cross.</summary>
internal static class KernelInputs
{
    public static void CheckPair(Vector<double> x, Vector<double> z)
    {
        Guard.Finite(x, nameof(x));
        Guard.Finite(z, nameof(z));
        Guard.SameLength(z.Count, nameof(z), x.Count, nameof(x));
        if (x.Count == 0)
        {
            throw new ArgumentException("x must have at least one coordinate but is empty.", nameof(x));
        }
    }

    public static void CheckGram(Matrix<double> x) => Guard.Points(x, nameof(x));

    public static void CheckCross(Matrix<double> xNew, Matrix<double> x)
    {
        Guard.Points(xNew, nameof(xNew));
        Guard.Points(x, nameof(x));
        Guard.SameDimension(xNew, nameof(xNew), x.ColumnCount, nameof(x));
    }
}
