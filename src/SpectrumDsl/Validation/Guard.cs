using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Validation;

/// <summary>
/// The one validation discipline of the public API: every message names the parameter, the
/// offending value and the rule, so a user can fix the call without reading our source.
/// </summary>
internal static class Guard
{
    public static string Format(double value) => SettingRules.Format(value);

    /// <summary>Throws when <paramref name="violation"/> (a rule of <see cref="SettingRules"/>) is not null.</summary>
    public static void Satisfies(string? violation, string parameter, object? value)
    {
        if (violation is not null)
        {
            throw new ArgumentOutOfRangeException(parameter, value, violation);
        }
    }

    /// <summary>A member of <typeparamref name="TEnum"/> (names listed only when it is not one).</summary>
    public static void Defined<TEnum>(TEnum value, string parameter) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Satisfies(SettingRules.Defined(parameter, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), defined: false, Enum.GetNames<TEnum>()), parameter, value);
        }
    }

    public static void NotNull<T>(T? value, string parameter) where T : class
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameter, $"{parameter} must not be null.");
        }
    }

    public static void Finite(double value, string parameter)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{parameter} must be a finite number but was {Format(value)}.");
        }
    }

    // The wording of these three shapes is SettingRules', shared with the source generator's diagnostics.
    public static void Positive(double value, string parameter, string? advice = null) =>
        Satisfies(SettingRules.Positive(parameter, value, advice), parameter, value);

    public static void NonNegative(double value, string parameter, string? advice = null) =>
        Satisfies(SettingRules.NonNegative(parameter, value, advice), parameter, value);

    public static void AtLeast(int value, int minimum, string parameter, string? advice = null) =>
        Satisfies(SettingRules.AtLeast(parameter, value, minimum, advice), parameter, value);

    public static void InRange(int value, int minimum, int maximum, string parameter, string? advice = null)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(parameter, value,
                $"{parameter} must be between {minimum} and {maximum} but was {value}.{Suffix(advice)}");
        }
    }

    public static void Finite(Matrix<double> matrix, string parameter)
    {
        NotNull(matrix, parameter);
        var values = matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();
        for (var index = 0; index < values.Length; index++)
        {
            if (!double.IsFinite(values[index]))
            {
                var rows = matrix.RowCount;
                throw new ArgumentException(
                    $"{parameter} must contain only finite numbers but entry ({index % rows}, {index / rows}) is {Format(values[index])}.", parameter);
            }
        }
    }

    public static void Finite(Vector<double> vector, string parameter)
    {
        NotNull(vector, parameter);
        for (var i = 0; i < vector.Count; i++)
        {
            if (!double.IsFinite(vector.At(i)))
            {
                throw new ArgumentException(
                    $"{parameter} must contain only finite numbers but entry {i} is {Format(vector.At(i))}.", parameter);
            }
        }
    }

    /// <summary>A point set: at least one row, at least one column, finite.</summary>
    public static void Points(Matrix<double> points, string parameter)
    {
        NotNull(points, parameter);
        if (points.RowCount == 0 || points.ColumnCount == 0)
        {
            throw new ArgumentException(
                $"{parameter} must hold at least one point (row) of at least one coordinate (column) but is {points.RowCount} x {points.ColumnCount}.", parameter);
        }

        Finite(points, parameter);
    }

    public static void SameDimension(Matrix<double> points, string parameter, int expected, string expectedSource)
    {
        if (points.ColumnCount != expected)
        {
            throw new ArgumentException(
                $"{parameter} has {points.ColumnCount} columns (input dimension) but {expectedSource} has {expected}; points must have the same dimension.", parameter);
        }
    }

    public static void SameLength(int actual, string parameter, int expected, string expectedSource)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{parameter} has length {actual} but {expectedSource} has {expected}; they must match.", parameter);
        }
    }

    /// <summary>Refuses a count of rows or columns (<paramref name="what"/>) that differs from <paramref name="expectedSource"/>'s.</summary>
    public static void SameCount(int actual, string parameter, string what, int expected, string expectedSource)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{parameter} has {actual} {what} but {expectedSource} has {expected}; they must match.", parameter);
        }
    }

    public static void SameLength(ReadOnlySpan<double> x, string parameter, int expected, string expectedSource) =>
        SameLength(x.Length, parameter, expected, expectedSource);

    public static void Square(Matrix<double> matrix, string parameter)
    {
        NotNull(matrix, parameter);
        if (matrix.RowCount != matrix.ColumnCount || matrix.RowCount == 0)
        {
            throw new ArgumentException($"{parameter} must be a non-empty square matrix but is {matrix.RowCount} x {matrix.ColumnCount}.", parameter);
        }
    }

    private static string Suffix(string? advice) => advice is null ? string.Empty : " " + advice;
}
