using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpectrumDsl.Expressions;
using SpectrumDsl.Generators.Model;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Generators;

public sealed partial class SpectrumGenerator
{
    private const string ReluNtk = "SpectrumDsl.ReluNtkAttribute";
    private const string ErfNtk = "SpectrumDsl.ErfNtkAttribute";
    private const string Gaussian = "SpectrumDsl.GaussianKernelAttribute";
    private const string Laplace = "SpectrumDsl.LaplaceKernelAttribute";
    private const string Trainer = "SpectrumDsl.WideNetworkTrainerAttribute";
    private const string SpectrumTarget = "SpectrumDsl.SpectrumTargetAttribute";

    /// <summary>Turns symbols into a spec plus diagnostics. Never throws (except on cancellation).</summary>
    internal static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Guarded(
            () => new ClassParser(context, cancellationToken).Run(),
            () => context.TargetNode is TypeDeclarationSyntax type ? type.Identifier.GetLocation() : context.TargetNode.GetLocation(),
            context.TargetSymbol.Name);

    /// <summary>
    /// The never-throw wrapper: any exception from <paramref name="parse"/> but cancellation (a bug of
    /// ours, e.g. an unknown diagnostic id) becomes SPD033 on the class instead of a crash (CS8785).
    /// </summary>
    internal static ParseResult Guarded(Func<ParseResult> parse, Func<Location> location, string className)
    {
        try
        {
            return parse();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ParseResult(null, EquatableArray.Create(Diagnostic.Create(DiagnosticDescriptors.InternalError, location(), className, exception.Message)));
        }
    }

    private sealed partial class ClassParser(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        private readonly List<Diagnostic> _diagnostics = [];
        private readonly INamedTypeSymbol _type = (INamedTypeSymbol)context.TargetSymbol;
        private readonly TypeDeclarationSyntax _syntax = (TypeDeclarationSyntax)context.TargetNode;
        private string Name => _type.Name;

        public ParseResult Run()
        {
            CheckPartial();
            var spectrum = context.Attributes[0];
            var spectrumSyntax = SyntaxOf(spectrum);
            // An unbound Rank (SPD030, reported with the target) counts as unwritten here.
            var rank = IntValue(Named(spectrum, "Rank")) ?? SettingRules.DefaultSpectrumRank;
            Check(DiagnosticDescriptors.RankTooSmall, ArgumentLocation(spectrumSyntax, "Rank"), "ModifiedSpectrum", SettingRules.Rank(rank, "Rank"));

            var kernel = ParseKernel();
            var trainer = ParseTrainer(kernel);
            var target = ParseTarget(spectrum, spectrumSyntax, rank, trainer);

            cancellationToken.ThrowIfCancellationRequested();
            var errors = _diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
            var spec = errors || target is null || kernel is null
                ? null
                : new SpectrumClassSpec(HintName(), Namespace(), ContainingTypes(), Declaration(_syntax), target, rank, kernel.Value.Spec, trainer);
            return new ParseResult(spec, _diagnostics.ToEquatableArray(), spec is null && errors ? Stub() : null);
        }

        /// <summary>
        /// The stub for a class with errors, or null when a partial declaration of it could not compile
        /// (it or a containing type is not partial: SPD020/SPD021, where the compiler's own errors stand).
        /// </summary>
        private StubClassSpec? Stub()
        {
            if (!_syntax.Modifiers.Any(SyntaxKind.PartialKeyword)) return null;
            for (var parent = _syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword)) return null;
            }
            var names = GeneratedMembers.All(trainer: true).Select(member => member.Name).ToList();
            var declared = _type.GetMembers().Select(member => member.Name).Where(names.Contains).Distinct().OrderBy(name => name, StringComparer.Ordinal);
            var trainer = _type.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == Trainer);
            var errors = _diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
            return new StubClassSpec(HintName(), Namespace(), ContainingTypes(), Declaration(_syntax), trainer, declared.ToEquatableArray(), StubClassSpec.Describe(errors));
        }

        private void CheckPartial()
        {
            if (!_syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.TypeNotPartial, _syntax.Identifier.GetLocation(), Name);
            }
            for (var parent = _syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(DiagnosticDescriptors.ContainingTypeNotPartial, parent.Identifier.GetLocation(), parent.Identifier.ValueText, Name);
                }
            }
        }

        private TargetSpec? ParseTarget(AttributeData spectrum, AttributeSyntax? syntax, int rank, TrainerSpec? trainer)
        {
            if (!Bound(spectrum, syntax)) return null;
            var text = spectrum.ConstructorArguments.Length == 1 ? spectrum.ConstructorArguments[0].Value as string : null;
            var methods = _type.GetMembers().OfType<IMethodSymbol>()
                .Where(method => method.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == SpectrumTarget))
                .ToList();

            if (text is not null && methods.Count > 0)
            {
                Report(DiagnosticDescriptors.TargetConflict, methods[0].Locations.FirstOrDefault() ?? _syntax.Identifier.GetLocation(), Name,
                    $"has both a target expression and the [SpectrumTarget] method '{methods[0].Name}'; keep one of them");
                return null;
            }
            if (text is null && methods.Count == 0)
            {
                Report(DiagnosticDescriptors.TargetConflict, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(), Name,
                    "has no target; pass an expression such as [ModifiedSpectrum(\"lambda_k\")] or mark a method [SpectrumTarget]");
                return null;
            }
            if (text is null) return ParseTargetMethod(methods);

            var parsed = SpectrumExpression.Parse(text);
            var literal = PositionalExpression(syntax, 0);
            foreach (var diagnostic in parsed.Diagnostics)
            {
                Report(DiagnosticDescriptors.For(diagnostic.Id), StringLocation(literal, diagnostic.Start, diagnostic.Length), diagnostic.Message);
            }
            if (!parsed.IsValid) return null;

            if (trainer is not null && TrainsWithPreconditioner(trainer))
            {
                var verdict = TargetSign.Analyze(parsed.Syntax!);
                if (verdict is SignVerdict.ProvablyNonPositive or SignVerdict.ProvablyNonFinite)
                {
                    var what = verdict == SignVerdict.ProvablyNonPositive ? "always <= 0" : "never a finite number";
                    Report(DiagnosticDescriptors.TargetNotPositive, StringLocation(literal, 0, text.Length), text, what);
                }
            }
            return new TargetSpec(text, CSharpEmitter.Emit(parsed.Syntax!), IsMethod: false);
        }

        private TargetSpec? ParseTargetMethod(List<IMethodSymbol> methods)
        {
            var method = methods[0];
            var location = method.Locations.FirstOrDefault() ?? _syntax.Identifier.GetLocation();
            string? problem = null;
            if (methods.Count > 1) problem = $"'{Name}' has {methods.Count} [SpectrumTarget] methods and may have only one";
            else if (!method.IsStatic) problem = "it is not static";
            else if (method.IsGenericMethod) problem = "it is generic";
            else if (method.ReturnType.SpecialType != SpecialType.System_Double) problem = $"it returns '{method.ReturnType.ToDisplayString()}' instead of 'double'";
            else if (method.Parameters.Length != 3
                     || method.Parameters[0].Type.SpecialType != SpecialType.System_Double
                     || method.Parameters[1].Type.SpecialType != SpecialType.System_Int32
                     || method.Parameters[2].Type.ToDisplayString() != "SpectrumDsl.TargetContext"
                     || method.Parameters.Any(parameter => parameter.RefKind != RefKind.None))
            {
                problem = $"its parameters are ({string.Join(", ", method.Parameters.Select(parameter => parameter.Type.ToDisplayString()))})";
            }
            else if (method.Name == "Target") problem = "the name 'Target' is taken by the generated method";
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.BadTargetMethod, location, method.Name, problem);
                return null;
            }
            return new TargetSpec($"{method.Name}(lambda, i, context)", $"{method.Name}(lambda, i, context)", IsMethod: true);
        }

        /// <summary>
        /// The location of characters [start, start + length) of the expression inside the string
        /// literal, when the literal's source text is the value itself (no escapes); otherwise the
        /// whole argument.
        /// </summary>
        private Location StringLocation(ExpressionSyntax? argument, int start, int length)
        {
            if (argument is null) return _syntax.Identifier.GetLocation();
            if (argument is LiteralExpressionSyntax { Token: var token } literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                var source = token.Text;
                var value = token.ValueText;
                var quotes = 0;
                while (quotes < source.Length && source[quotes] == '"') quotes++;
                var prefix = source.StartsWith("@\"", StringComparison.Ordinal) ? 2 : quotes == 1 || quotes >= 3 ? quotes : 0;
                if (prefix > 0 && source.Length >= prefix + value.Length && string.CompareOrdinal(source, prefix, value, 0, value.Length) == 0
                    && start >= 0 && start + length <= value.Length)
                {
                    return Location.Create(argument.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(token.SpanStart + prefix + start, length));
                }
            }
            return argument.GetLocation();
        }

        // ---- names ---------------------------------------------------------------------------

        private string Namespace() => _type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "";

        private EquatableArray<string> ContainingTypes()
        {
            var list = new List<string>();
            for (var parent = _syntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                list.Insert(0, Declaration(parent));
            }
            return list.ToEquatableArray();
        }

        private static string Declaration(TypeDeclarationSyntax syntax)
        {
            var keyword = syntax is RecordDeclarationSyntax record && record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)
                ? "record struct"
                : syntax.Keyword.ValueText;
            var parameters = syntax.TypeParameterList is { Parameters.Count: > 0 } list
                ? "<" + string.Join(", ", list.Parameters.Select(parameter => parameter.Identifier.ValueText)) + ">"
                : "";
            return $"partial {keyword} {syntax.Identifier.ValueText}{parameters}";
        }

        private string HintName()
        {
            var name = _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)
                .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
            var arity = _type.Arity > 0 ? "`" + _type.Arity.ToString(CultureInfo.InvariantCulture) : "";
            return new string((name + arity).Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '`' ? c : '_').ToArray()) + ".g.cs";
        }

        private void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
            _diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));

        /// <summary>Reports <paramref name="violation"/> (a SettingRules sentence, null when the value is valid) as "[attribute] on 'Class': sentence".</summary>
        private void Check(DiagnosticDescriptor descriptor, Location location, string attribute, string? violation)
        {
            if (violation is not null) Report(descriptor, location, attribute, Name, violation);
        }
    }
}
