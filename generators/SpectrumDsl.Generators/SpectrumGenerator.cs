using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SpectrumDsl.Expressions;
using SpectrumDsl.Generators.Model;

namespace SpectrumDsl.Generators;

/// <summary>
/// Generates the target method, spec, builders and trainer factory for every
/// <c>[ModifiedSpectrum]</c> class. Source and diagnostics flow in separate branches: the source
/// branch only sees the equatable <see cref="SpectrumClassSpec"/>, so unrelated edits regenerate
/// nothing, while diagnostics keep real locations.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class SpectrumGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Attribute lookup plus parsing into spec and diagnostics.</summary>
        public const string Parse = "SpectrumDsl.Parse";
        /// <summary>The spec alone (source branch).</summary>
        public const string Spec = "SpectrumDsl.Spec";
        /// <summary>The diagnostics alone (diagnostics branch).</summary>
        public const string Diagnostics = "SpectrumDsl.Diagnostics";
    }

    private const string AttributeName = "SpectrumDsl.ModifiedSpectrumAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, Parse)
            .WithTrackingName(TrackingNames.Parse);

        var specs = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.Spec);
        context.RegisterSourceOutput(specs, static (output, spec) => Emit(output, spec!));

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (var diagnostic in list) output.ReportDiagnostic(diagnostic);
        });
    }

    /// <summary>A parsed class: the spec when it is error-free, and every diagnostic with its real location.</summary>
    internal sealed record ParseResult(SpectrumClassSpec? Spec, EquatableArray<Diagnostic> Diagnostics);

    private static void Emit(SourceProductionContext output, SpectrumClassSpec spec)
    {
        string text;
        try
        {
            text = Emitter.Emit(spec);
        }
        catch (Exception exception)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.HintName, exception.Message));
            return;
        }
        output.AddSource(spec.HintName, text);
    }
}
