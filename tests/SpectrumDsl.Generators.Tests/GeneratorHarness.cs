using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpectrumDsl.Generators.Tests;

/// <summary>Runs the generator on source text against the real runtime assembly.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static IEnumerable<MetadataReference> References { get; } =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(SpectrumSpec).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MathNet.Numerics.LinearAlgebra.Matrix<double>).Assembly.Location),
    ];

    public static CSharpCompilation Compilation(params string[] sources)
    {
        var trees = sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")).ToList();
        return CSharpCompilation.Create("UserCode", trees, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // The SDK suppresses these two unification notices by default too (MathNet targets an older System.Runtime).
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
    }

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new SpectrumGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public sealed record Run(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Result)
    {
        public string Source(int index = 0) => Result.GeneratedTrees[index].ToString();

        public IEnumerable<Diagnostic> CompilerErrors => Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning);

        /// <summary>Classes generated for real (error-free specs emitted).</summary>
        public int Specs => Outputs(SpectrumGenerator.TrackingNames.Spec);

        /// <summary>Classes with errors whose members were emitted as throwing stubs.</summary>
        public int Stubs => Outputs(SpectrumGenerator.TrackingNames.Stub);

        private int Outputs(string step) =>
            Result.Results.Single().TrackedSteps.TryGetValue(step, out var steps) ? steps.Sum(run => run.Outputs.Length) : 0;
    }

    public static Run Generate(params string[] sources)
    {
        var compilation = Compilation(sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new Run(driver, output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Diagnostics as "ID [start..end) 'text'" against the first source.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        var text = diagnostic.Location.SourceTree?.GetText().ToString(span) ?? "";
        return $"{diagnostic.Id} '{text}'";
    }
}
