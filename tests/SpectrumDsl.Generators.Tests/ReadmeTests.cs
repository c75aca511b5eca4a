using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// README's C# is code, not prose: complete programs (blocks starting with <c>using</c>) are
/// compiled with the generator and run; excerpts must appear verbatim in the example they quote.
/// The package's own README (src/SpectrumDsl/README.md) is one complete program.
/// </summary>
public partial class ReadmeTests
{
    [Fact]
    public void Complete_programs_compile_without_warnings_and_run()
    {
        var programs = Blocks(Readme).Where(block => block.StartsWith("using ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(programs);
        foreach (var program in programs)
        {
            var printed = CompileAndRun(program);
            // The quickstart prints a prediction and both step counts; PGD must need fewer steps.
            var pgd = int.Parse(StepsPattern().Match(printed, printed.IndexOf("PGD:", StringComparison.Ordinal)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var gd = int.Parse(StepsPattern().Match(printed, printed.IndexOf("\nGD:", StringComparison.Ordinal)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(pgd * 10 < gd, printed);
            // It saves the trained network and loads it back: the loaded model predicts the same numbers.
            Assert.Contains("loaded model predicts the same: True", printed);
        }
    }

    [Fact]
    public void The_package_README_is_a_complete_program_that_compiles_without_warnings_and_runs()
    {
        // The package's own page (src/SpectrumDsl/README.md, packed as README.md): every block is a
        // program a user may paste, so top-level statements come before the class (else CS8803).
        var blocks = Blocks(PackageReadme);
        var program = Assert.Single(blocks);
        Assert.StartsWith("using ", program, StringComparison.Ordinal);
        var printed = CompileAndRun(program);
        // It prints the MSK of two points: one finite number. (Console is process-wide: lines other tests
        // print meanwhile may be captured too, so only lines that are numbers count.)
        var numbers = printed.Split('\n').Select(line => double.TryParse(line.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.CurrentCulture, out var value) ? value : (double?)null)
            .OfType<double>().ToList();
        Assert.True(numbers.Count == 1 && double.IsFinite(numbers[0]), $"expected one finite number but the package README printed '{printed}'");
    }

    /// <summary>Compiles <paramref name="program"/> with the generator, asserts no warning or error, runs it and returns what it printed.</summary>
    private static string CompileAndRun(string program)
    {
        var compilation = GeneratorHarness.Compilation(program)
            .WithOptions(GeneratorHarness.Compilation().Options.WithOutputKind(OutputKind.ConsoleApplication));
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Equal("", string.Join("\n", output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Run(Assembly.Load(image.ToArray()));
    }

    [Fact]
    public void Excerpts_appear_verbatim_in_the_examples()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "examples"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToArray();
        foreach (var excerpt in Blocks(Readme).Where(block => !block.StartsWith("using ", StringComparison.Ordinal)))
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

    private static string Readme => Path.Combine(Repository.Root, "README.md");

    /// <summary>The SpectrumDsl package's README (src/SpectrumDsl/README.md).</summary>
    internal static string PackageReadme => Path.Combine(Repository.Root, "src", "SpectrumDsl", "README.md");

    private static List<string> Blocks(string file) =>
        CSharpBlock().Matches(File.ReadAllText(file).Replace("\r", "", StringComparison.Ordinal)).Select(match => match.Groups[1].Value.Trim()).ToList();

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
