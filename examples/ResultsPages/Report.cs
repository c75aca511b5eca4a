using System.Globalization;
using System.Text.Json;

namespace ResultsPages;

/// <summary>A report field is missing or of the wrong kind: names the report, the field and the fix.</summary>
public sealed class ReportFormatException(string message) : Exception(message);

/// <summary>
/// One node of a report.json, read by path ("frequencies[2].gdSteps"). Every accessor names the report file and the
/// field when the field is missing or has the wrong type, so a report from an older example fails with a message
/// that says which example to run again.
/// </summary>
public readonly struct Report
{
    private readonly JsonElement element;

    private Report(string file, string path, JsonElement element)
    {
        File = file;
        Path = path;
        this.element = element;
    }

    /// <summary>The report's file name, for messages.</summary>
    public string File { get; }

    /// <summary>Where this node sits in the report ("" for the root).</summary>
    public string Path { get; }

    /// <summary>Parses <paramref name="json"/>, the content of <paramref name="file"/>.</summary>
    public static Report Parse(string file, string json)
    {
        try
        {
            return new Report(file, "", JsonDocument.Parse(json).RootElement.Clone());
        }
        catch (JsonException error)
        {
            throw new ReportFormatException($"{file} is not valid JSON ({error.Message}); run its example again to rewrite it.");
        }
    }

    /// <summary>The child <paramref name="name"/>; missing is an error.</summary>
    public Report this[string name]
    {
        get
        {
            var path = Path.Length == 0 ? name : $"{Path}.{name}";
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var child))
            {
                throw Missing(path, "is missing");
            }

            return new Report(File, path, child);
        }
    }

    /// <summary>True when the object has <paramref name="name"/> (null or not).</summary>
    public bool Has(string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _);

    /// <summary>True for a JSON null.</summary>
    public bool IsNull => element.ValueKind == JsonValueKind.Null;

    /// <summary>The elements of an array.</summary>
    public IReadOnlyList<Report> Items
    {
        get
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                throw Missing(Path, $"should be a list but is {element.ValueKind}");
            }

            var (file, path) = (File, Path);
            return element.EnumerateArray().Select((item, i) => new Report(file, $"{path}[{i}]", item)).ToArray();
        }
    }

    /// <summary>A number; "NaN", "Infinity" and "-Infinity" as the examples write them.</summary>
    public double Number => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var named) => named,
        _ => throw Missing(Path, $"should be a number but is {element.ValueKind}"),
    };

    /// <summary>A number or null.</summary>
    public double? NumberOrNull => IsNull ? null : Number;

    /// <summary>An integer.</summary>
    public long Integer => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value)
        ? value
        : throw Missing(Path, $"should be an integer but is {element.ValueKind}");

    /// <summary>An integer or null.</summary>
    public long? IntegerOrNull => IsNull ? null : Integer;

    /// <summary>A boolean.</summary>
    public bool Boolean => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Missing(Path, $"should be true or false but is {element.ValueKind}"),
    };

    /// <summary>A boolean or null.</summary>
    public bool? BooleanOrNull => IsNull ? null : Boolean;

    /// <summary>A string.</summary>
    public string Text => element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Missing(Path, $"should be text but is {element.ValueKind}");

    /// <summary>A string or null.</summary>
    public string? TextOrNull => IsNull ? null : Text;

    /// <summary>The names of an object's fields, in order.</summary>
    public IReadOnlyList<string> Names => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().Select(property => property.Name).ToArray()
        : throw Missing(Path, $"should be an object but is {element.ValueKind}");

    private ReportFormatException Missing(string path, string problem) =>
        new($"{File}: the field '{path}' {problem}. The report comes from an older or different example; run the example again "
            + "(the command is in the report's run.command) and collect it with --collect.");
}
