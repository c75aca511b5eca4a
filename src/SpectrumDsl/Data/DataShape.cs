using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>The consistency rule shared by the data records: a non-empty matrix with one name per column.</summary>
internal static class DataShape
{
    public static void Check(Matrix<double> matrix, IReadOnlyList<string> names, string matrixParameter, string namesParameter)
    {
        Guard.NotNull(matrix, matrixParameter);
        Guard.NotNull(names, namesParameter);
        Guard.SameLength(names.Count, namesParameter, matrix.ColumnCount, $"{matrixParameter}' column count");
    }
}
