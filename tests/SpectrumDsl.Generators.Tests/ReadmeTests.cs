using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// README's C# is code, not prose: complete programs (blocks starting with <c>using</c>) are
/// compiled with the generator and run; excerpts must appear verbatim in the example they quote.
/// </summary>
public partial class ReadmeTests
{
    [Fact]
    public void Complete_programs_compile_without_warnings_and_run()
    {
        var programs = Blocks().Where(block => block.StartsWith("using ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(programs);
        foreach (var program in programs)
        {
            var compilation = GeneratorHarness.Compilation(program)
                .WithOptions(GeneratorHarness.Compilation().Options.WithOutputKind(OutputKind.ConsoleApplication));
            var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            Assert.Empty(generatorDiagnostics);
            Assert.Equal("", string.Join("\n", output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));

            using var image = new MemoryStream();
            var emitted = output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            var printed = Run(Assembly.Load(image.ToArray()));
            // The quickstart prints a prediction and both step counts; PGD must need fewer steps.
            var pgd = int.Parse(StepsPattern().Match(printed, printed.IndexOf("PGD:", StringComparison.Ordinal)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var gd = int.Parse(StepsPattern().Match(printed, printed.IndexOf("\nGD:", StringComparison.Ordinal)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(pgd * 10 < gd, printed);
        }
    }

    [Fact]
    public void Excerpts_appear_verbatim_in_the_examples()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "examples"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToArray();
        foreach (var excerpt in Blocks().Where(block => !block.StartsWith("using ", StringComparison.Ordinal)))
        {
            Assert.True(sources.Any(source => Normalise(source).Contains(Normalise(excerpt), StringComparison.Ordinal)),
                $"README excerpt not found in examples/:\n{excerpt}");
        }
    }

    [Fact]
    public void The_attribute_table_shows_the_attributes_defaults()
    {
        // README's "Attributes" table writes each attribute with its defaults, e.g.
        // [WideNetworkTrainer(Width = 1024, ...)]: every value shown must be the attribute's initial
        // value, and the trainer and ReLU NTK attributes must show every settable property.
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var rows = AttributeRow().Matches(readme).Select(match => (Name: match.Groups[1].Value, Arguments: match.Groups[2].Value)).ToList();
        Assert.Contains(rows, row => row.Name == "WideNetworkTrainer");
        foreach (var (name, arguments) in rows)
        {
            var type = typeof(SpectrumSpec).Assembly.GetType($"SpectrumDsl.{name}Attribute", throwOnError: true)!;
            var instance = type.GetConstructor(Type.EmptyTypes)?.Invoke(null);
            var shown = NamedArgument().Matches(arguments).ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value.Trim());
            foreach (var (property, value) in shown)
            {
                Assert.True(instance is not null, $"[{name}] has no parameterless constructor, so README cannot show defaults for it");
                var actual = type.GetProperty(property)?.GetValue(instance);
                Assert.True(actual is not null, $"README shows [{name}({property} = ...)] but [{name}] has no property {property}");
                Assert.True(Shown(actual) == value, $"README shows [{name}({property} = {value})] but its default is {Shown(actual)}");
            }
            if (name is "WideNetworkTrainer" or "ReluNtk")
            {
                var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(property => property.CanWrite).Select(property => property.Name);
                Assert.Equal(settable.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
            }
        }
    }

    private static string Shown(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Run(Assembly program)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var entry = program.EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(original);
        }

        return captured.ToString();
    }

    private static IEnumerable<string> Blocks() =>
        CSharpBlock().Matches(File.ReadAllText(Path.Combine(Repository.Root, "README.md"))).Select(match => match.Groups[1].Value.Trim());

    private static string Normalise(string text) => string.Join("\n", text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(line => line.Trim()));

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^\| `\[(\w+)\((.*?)\)\]`", RegexOptions.Multiline)]
    private static partial Regex AttributeRow();

    [GeneratedRegex(@"(\w+) = ([^,]+)")]
    private static partial Regex NamedArgument();

    [GeneratedRegex(@"(\d+) steps")]
    private static partial Regex StepsPattern();
}
