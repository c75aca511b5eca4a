using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.LinearAlgebra;

// A * B^T followed by a per-column affine map and an optional ReLU, fused into the GEMM (see GemmEpilogue).
internal static partial class FastLinearAlgebra
{
    /// <summary>
    /// Writes scale * (A B^T) + shiftScale * shift_j (column j) into <paramref name="result"/> and, when
    /// <paramref name="rectified"/> is given, max(result, 0) into it: a layer's pre-activation and ReLU activation in
    /// the product's own pass over C (the same bits as the product followed by the two element-wise passes).
    /// </summary>
    public static unsafe void AffineMultiplyTransposedInto(
        Matrix<double> a, Matrix<double> b, double scale, double shiftScale, double[] shift, Matrix<double>? rectified, Matrix<double> result)
    {
        CheckInner(a, b, a.ColumnCount, b.ColumnCount, "A * B^T", nameof(b));
        CheckResult(a, b, result, a.RowCount, b.RowCount);
        double[]? rv = CheckAffine(shift, rectified, result);
        double[] av = Values(a);
        double[] bv = Values(b);
        double[] cv = ResultValues(result, nameof(result));
        int m = result.RowCount;
        fixed (double* pa = av)
        fixed (double* pb = bv)
        fixed (double* pc = cv)
        fixed (double* ps = shift)
        fixed (double* pr = rv)
        {
            var epilogue = new GemmEpilogue(scale, shiftScale, ps, pr, m);
            GemmEngine.Run(m, result.ColumnCount, a.ColumnCount, new StridedOperand(pa, 1, a.RowCount), new StridedOperand(pb, b.RowCount, 1), pc, m, lowerOnly: false, epilogue);
        }
    }

    /// <summary>The same map as <see cref="AffineMultiplyTransposedInto"/> on a finished matrix: matrix = scale * matrix + shiftScale * shift_j, rectified = max(matrix, 0).</summary>
    public static unsafe void ApplyAffine(Matrix<double> matrix, double scale, double shiftScale, double[] shift, Matrix<double>? rectified)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        double[]? rv = CheckAffine(shift, rectified, matrix);
        double[] cv = ResultValues(matrix, nameof(matrix));
        int m = matrix.RowCount;
        fixed (double* pc = cv)
        fixed (double* ps = shift)
        fixed (double* pr = rv)
        {
            new GemmEpilogue(scale, shiftScale, ps, pr, m).Apply(pc, m, 0, 0, m, matrix.ColumnCount);
        }
    }

    private static double[]? CheckAffine(double[] shift, Matrix<double>? rectified, Matrix<double> result)
    {
        ArgumentNullException.ThrowIfNull(shift);
        if (shift.Length != result.ColumnCount)
        {
            throw new ArgumentException($"shift needs one value per column of the {Shape(result)} result, but has length {shift.Length}.", nameof(shift));
        }

        if (rectified is null)
        {
            return null;
        }

        if (rectified.RowCount != result.RowCount || rectified.ColumnCount != result.ColumnCount || ReferenceEquals(rectified, result))
        {
            throw new ArgumentException($"rectified must be a separate {Shape(result)} matrix, but is {Shape(rectified)}{(ReferenceEquals(rectified, result) ? " (the result itself)" : "")}.", nameof(rectified));
        }

        return ResultValues(rectified, nameof(rectified));
    }
}
