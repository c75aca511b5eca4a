using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;

namespace SpectrumDsl.Training;

/// <summary>
/// What identifies a run: the configuration as canonical text with its SHA-256, and the SHA-256 of
/// the training and test data. A checkpoint resumes only the run with the same fingerprint.
/// </summary>
internal sealed record RunFingerprint(string ConfigText, byte[] ConfigHash, byte[] DataHash, byte[] TestDataHash)
{
    private const int HashLength = 32;

    // Settings a resumed run may change: the step budget, and what to do should the loss diverge.
    private static readonly string[] Changeable = [nameof(TrainerConfig.Steps), nameof(TrainerConfig.OnDivergence)];

    // Every other public TrainerConfig property.
    private static readonly PropertyInfo[] Settings = typeof(TrainerConfig)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => !Changeable.Contains(property.Name) && property.GetIndexParameters().Length == 0)
        .OrderBy(property => property.Name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The fingerprint of <paramref name="config"/> on <paramref name="data"/>.</summary>
    public static RunFingerprint Of(TrainerConfig config, TrainingData data)
    {
        var text = CanonicalConfig(config);
        return new RunFingerprint(text, HashText(text), HashData(data.X, data.Labels), HashData(data.TestX, data.TestLabels));
    }

    /// <summary>
    /// The configuration as sorted "Name=value" lines (doubles round-trip exactly), read by reflection
    /// so that no property can be left out. A property of a type without a canonical form here fails loudly.
    /// </summary>
    // Settings added after checkpoint format 4, written only when they differ from their default: a format-4 file, which
    // predates them, then matches a configuration that leaves them alone.
    private static readonly string[] AddedSinceFormat4 = [nameof(TrainerConfig.ValidationFraction), nameof(TrainerConfig.Patience)];

    private static readonly TrainerConfig Defaults = new();

    public static string CanonicalConfig(TrainerConfig config) =>
        string.Join('\n', Settings
            .Where(property => !AddedSinceFormat4.Contains(property.Name) || !Equals(property.GetValue(config), property.GetValue(Defaults)))
            .Select(property => $"{property.Name}={Canonical(property.GetValue(config), property.Name)}"));

    private static string Canonical(object? value, string name) => value switch
    {
        null => "(null)",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        int or long or bool or Enum => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        SpectrumTarget target => target.Description,
        NetworkArchitecture architecture => string.Create(CultureInfo.InvariantCulture,
            $"{architecture.Activation},{architecture.Depth},{architecture.BiasScale:R}"),
        _ => throw new InvalidOperationException(
            $"TrainerConfig.{name} has type {value.GetType().Name}, which RunFingerprint cannot write canonically; add a case to RunFingerprint.Canonical."),
    };

    public static byte[] HashText(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>SHA-256 of the shapes and the exact bits of (x, y), both row by row; all zeros for no data.</summary>
    public static byte[] HashData(Matrix<double>? x, Matrix<double>? y)
    {
        if (x is null || y is null)
        {
            return new byte[HashLength];
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendRows(hash, x);
        AppendRows(hash, y);
        return hash.GetHashAndReset();
    }

    private static void AppendRows(IncrementalHash hash, Matrix<double> matrix)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, matrix.RowCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], matrix.ColumnCount);
        hash.AppendData(header);
        var row = new double[matrix.ColumnCount];
        var values = matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();
        var rows = matrix.RowCount;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = values[j * rows + i];
            }

            AppendDoubles(hash, row);
        }
    }

    private static void AppendDoubles(IncrementalHash hash, double[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        Span<byte> buffer = stackalloc byte[8];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
            hash.AppendData(buffer);
        }
    }
}
