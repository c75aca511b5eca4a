using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SpectrumDsl.Expressions;
using SpectrumDsl.Generators.Model;

namespace SpectrumDsl.Generators;

/// <summary>
/// Generates the target method, spec, builders and trainer factory for every
/// <c>[ModifiedSpectrum]</c> class. Source and diagnostics flow in separate branches: the source
/// branches only see the equatable <see cref="SpectrumClassSpec"/> (or, for a class with an error,
/// <see cref="StubClassSpec"/>), so unrelated edits regenerate nothing, while diagnostics keep real locations.
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
        /// <summary>The stub of a class with an error (stub branch).</summary>
        public const string Stub = "SpectrumDsl.Stub";
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

        var stubs = parsed
            .Select(static (result, _) => result.Stub)
            .Where(static stub => stub is not null)
            .WithTrackingName(TrackingNames.Stub);
        context.RegisterSourceOutput(stubs, static (output, stub) => EmitStub(output, stub!));

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (var diagnostic in list) output.ReportDiagnostic(diagnostic);
        });
    }

    /// <summary>
    /// A parsed class: the spec when it is error-free, and every diagnostic with its real location; with
    /// errors, the stub that declares the class's members with throwing bodies (null when even that
    /// cannot compile: the class or a containing type is not partial, SPD020/SPD021).
    /// </summary>
    internal sealed record ParseResult(SpectrumClassSpec? Spec, EquatableArray<Diagnostic> Diagnostics, StubClassSpec? Stub = null);

    private static void Emit(SourceProductionContext output, SpectrumClassSpec spec)
    {
        string text;
        try
        {
            text = Emitter.Emit(spec);
        }
        catch (Exception exception)
        {
            var failure = Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.HintName, exception.Message);
            output.ReportDiagnostic(failure);
            // The class's own partial declaration is known to be valid here: stub its members too.
            EmitStub(output, new StubClassSpec(spec.HintName, spec.Namespace, spec.ContainingTypes, spec.Declaration,
                spec.Trainer is not null, EquatableArray<string>.Empty, StubClassSpec.Describe([failure])));
            return;
        }
        output.AddSource(spec.HintName, text);
    }

    private static void EmitStub(SourceProductionContext output, StubClassSpec stub)
    {
        string text;
        try
        {
            text = StubEmitter.Emit(stub);
        }
        catch (Exception exception)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, stub.HintName, exception.Message));
            return;
        }
        output.AddSource(stub.HintName, text);
    }
}
