using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpectrumDsl.Examples;

/// <summary>How the examples write report.json: indented, camelCase, NaN and infinities as named literals.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises <paramref name="document"/> to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, object document)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
        return path;
    }
}
