using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Training.Checkpoints;

namespace SpectrumDsl.Persistence;

/// <summary>
/// The pieces of saved payloads beyond single values, each written and read by one pair of methods (little-endian
/// BinaryWriter/Reader). A reader that meets contents that cannot be right throws <see cref="InvalidDataException"/>,
/// which <see cref="ChecksummedFile.Read"/> reports as an unreadable payload.
/// </summary>
internal static class SavedBinary
{
    public static void Write(BinaryWriter w, double[] values) => CheckpointBinary.Write(w, values);

    public static double[] ReadDoubles(BinaryReader r) => CheckpointBinary.ReadDoubles(r);

    /// <summary>Exactly <paramref name="count"/> values, naming <paramref name="what"/> when the file holds another number.</summary>
    public static double[] ReadDoubles(BinaryReader r, int count, string what)
    {
        var values = ReadDoubles(r);
        return values.Length == count ? values : throw new InvalidDataException($"{what} has {values.Length} values where {count} belong");
    }

    /// <summary>A dense matrix: rows, columns, then its entries column-major.</summary>
    public static void Write(BinaryWriter w, Matrix<double> matrix)
    {
        w.Write(matrix.RowCount);
        w.Write(matrix.ColumnCount);
        Write(w, matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray());
    }

    public static Matrix<double> ReadMatrix(BinaryReader r, string what)
    {
        var rows = r.ReadInt32();
        var columns = r.ReadInt32();
        var values = ReadDoubles(r);
        if (rows < 1 || columns < 1 || (long)rows * columns != values.Length)
        {
            throw new InvalidDataException($"{what} announces {rows} x {columns} entries but holds {values.Length}");
        }

        return Matrix<double>.Build.Dense(rows, columns, values);
    }

    public static void WriteOptional(BinaryWriter w, int? value)
    {
        w.Write(value.HasValue);
        w.Write(value ?? 0);
    }

    public static void WriteOptional(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        w.Write(value ?? 0.0);
    }

    public static int? ReadOptionalInt(BinaryReader r)
    {
        var present = r.ReadBoolean();
        var value = r.ReadInt32();
        return present ? value : null;
    }

    public static double? ReadOptionalDouble(BinaryReader r)
    {
        var present = r.ReadBoolean();
        var value = r.ReadDouble();
        return present ? value : null;
    }

    public static void Write(BinaryWriter w, IReadOnlyList<string> texts)
    {
        w.Write(texts.Count);
        foreach (var text in texts)
        {
            w.Write(text);
        }
    }

    public static string[] ReadStrings(BinaryReader r)
    {
        var count = r.ReadInt32();
        // Every string takes at least its one-byte length prefix.
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new EndOfStreamException($"a list announces {count} texts, more than the payload holds");
        }

        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = r.ReadString();
        }

        return texts;
    }

    /// <summary>An enum value stored as its int32, refused unless it is a defined member.</summary>
    public static TEnum ReadEnum<TEnum>(BinaryReader r) where TEnum : struct, Enum
    {
        var raw = r.ReadInt32();
        var value = (TEnum)Enum.ToObject(typeof(TEnum), raw);
        return Enum.IsDefined(value) ? value : throw new InvalidDataException($"{raw} is no {typeof(TEnum).Name}");
    }
}
