using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The arc-cosine recursion of DESIGN 2.1, shared by the NTK and the NNGP. Works on whole
/// blocks: Sigma0 comes from one matrix product, every layer is an elementwise map.
/// </summary>
internal static class ReluKernelRecursion
{
    /// <summary>One layer of the recursion for a single entry: the pointwise path (the block path uses <see cref="VectorMath.ReluArcCosineStep"/>).</summary>
    public static void Step(double sigma, double norm, double betaSquared, out double sigmaNext, out double sigmaDot)
    {
        // A zero-norm input (x = 0 without bias) has no direction: treat it as orthogonal.
        var rho = norm > 0 ? Math.Clamp(sigma / norm, -1.0, 1.0) : 0.0;
        var angle = Math.Acos(rho);
        var sine = Math.Sqrt(Math.Max(0.0, 1.0 - rho * rho));
        sigmaNext = norm * (sine + (Math.PI - angle) * rho) / Math.PI + betaSquared;
        sigmaDot = (Math.PI - angle) / Math.PI;
    }

    /// <summary>Sigma0(x, x) = |x|^2 / d + beta^2 for every row.</summary>
    public static double[] InputVariances(Matrix<double> x, double betaSquared)
    {
        var d = x.ColumnCount;
        var result = new double[x.RowCount];
        for (var row = 0; row < x.RowCount; row++)
        {
            var sum = 0.0;
            for (var column = 0; column < d; column++)
            {
                var value = x.At(row, column);
                sum += value * value;
            }

            result[row] = sum / d + betaSquared;
        }

        return result;
    }

    /// <summary>
    /// Runs the recursion on a block of inner products x.z (reusing their storage) and returns
    /// Theta(L) when <paramref name="ntk"/> is set, else Sigma(L). <paramref name="symmetric"/>
    /// marks a Gram block (rows and columns are the same points).
    /// </summary>
    public static Matrix<double> Apply(ReluArchitecture architecture, Matrix<double> dotProducts, int dimension,
        double[] rowVariances, double[] columnVariances, bool ntk, bool symmetric)
    {
        var beta2 = architecture.BiasScale * architecture.BiasScale;
        var rows = dotProducts.RowCount;
        var columns = dotProducts.ColumnCount;
        var sigma = dotProducts.AsColumnMajorArray() ?? dotProducts.ToColumnMajorArray();
        var theta = new double[sigma.Length];
        var rowVar = (double[])rowVariances.Clone();
        var colVar = (double[])columnVariances.Clone();
        for (var index = 0; index < sigma.Length; index++)
        {
            sigma[index] = sigma[index] / dimension + beta2;
            theta[index] = sigma[index];
        }

        var norm = new double[rows];
        var next = new double[rows];
        var dot = new double[rows];
        for (var layer = 1; layer <= architecture.Depth; layer++)
        {
            for (var column = 0; column < columns; column++)
            {
                var cv = colVar[column];
                for (var row = 0; row < rows; row++)
                {
                    norm[row] = Math.Sqrt(rowVar[row] * cv);
                }

                var sigmaColumn = sigma.AsSpan(column * rows, rows);
                var thetaColumn = theta.AsSpan(column * rows, rows);
                VectorMath.ReluArcCosineStep(sigmaColumn, norm, beta2, next, dot);
                for (var row = 0; row < rows; row++)
                {
                    thetaColumn[row] = thetaColumn[row] * dot[row] + next[row];
                }

                next.CopyTo(sigmaColumn);
            }

            // The variances go through the same map at rho = 1 (mathematically v + beta^2, but
            // v * pi / pi is not always v in floating point, and arccos turns a one-ulp miss of
            // rho = 1 into an error of sqrt(eps)). A Gram reads them off its own diagonal.
            if (symmetric)
            {
                for (var i = 0; i < rows; i++)
                {
                    rowVar[i] = colVar[i] = sigma[i * rows + i];
                }
            }
            else
            {
                NextVariances(rowVar, beta2);
                NextVariances(colVar, beta2);
            }
        }

        return Matrix<double>.Build.Dense(rows, columns, ntk ? theta : sigma);
    }

    private static void NextVariances(double[] variances, double beta2)
    {
        for (var i = 0; i < variances.Length; i++)
        {
            Step(variances[i], variances[i], beta2, out variances[i], out _);
        }
    }

    /// <summary>Pointwise evaluation with the same recursion, for checks and single queries.</summary>
    public static double Evaluate(ReluArchitecture architecture, Vector<double> x, Vector<double> z, bool ntk) =>
        EvaluateFromProducts(architecture, x.DotProduct(z), x.DotProduct(x), z.DotProduct(z), x.Count, ntk);

    /// <summary>The recursion from x.z, |x|^2 and |z|^2 alone.</summary>
    public static double EvaluateFromProducts(ReluArchitecture architecture, double xz, double xx, double zz, int d, bool ntk)
    {
        var beta2 = architecture.BiasScale * architecture.BiasScale;
        var sigma = xz / d + beta2;
        xx = xx / d + beta2;
        zz = zz / d + beta2;
        var theta = sigma;
        for (var layer = 1; layer <= architecture.Depth; layer++)
        {
            Step(sigma, Math.Sqrt(xx * zz), beta2, out var next, out var dot);
            sigma = next;
            theta = theta * dot + next;
            Step(xx, xx, beta2, out xx, out _);
            Step(zz, zz, beta2, out zz, out _);
        }

        return ntk ? theta : sigma;
    }
}
