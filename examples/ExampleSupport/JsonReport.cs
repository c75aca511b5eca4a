using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpectrumDsl.Examples;

/// <summary>The examples' report.json format: indented, camelCase, NaN and infinities written as names.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="document"/> to <paramref name="folder"/>/report.json and returns the path.</summary>
    public static string Write(string folder, object document)
    {
        var path = Path.Combine(folder, "report.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
        return path;
    }
}
