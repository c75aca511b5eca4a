using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SpectrumDsl.Expressions;
using SpectrumDsl.Generators.Model;

namespace SpectrumDsl.Generators;

public sealed partial class SpectrumGenerator
{
    private const string ReluNtk = "SpectrumDsl.ReluNtkAttribute";
    private const string Gaussian = "SpectrumDsl.GaussianKernelAttribute";
    private const string Laplace = "SpectrumDsl.LaplaceKernelAttribute";
    private const string Trainer = "SpectrumDsl.WideNetworkTrainerAttribute";
    private const string SpectrumTarget = "SpectrumDsl.SpectrumTargetAttribute";

    /// <summary>Turns symbols into a spec plus diagnostics. Never throws (except on cancellation).</summary>
    internal static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return new ClassParser(context, cancellationToken).Run();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var location = context.TargetNode is TypeDeclarationSyntax type ? type.Identifier.GetLocation() : context.TargetNode.GetLocation();
            return new ParseResult(null, EquatableArray.Create(Diagnostic.Create(DiagnosticDescriptors.InternalError, location, context.TargetSymbol.Name, exception.Message)));
        }
    }

    private sealed class ClassParser(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
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
            var rank = NamedInt(spectrum, spectrumSyntax, "Rank", 1);
            if (rank < 1) Report(DiagnosticDescriptors.RankTooSmall, ArgumentLocation(spectrumSyntax, "Rank"), rank, Name);

            var kernel = ParseKernel();
            var trainer = ParseTrainer(kernel);
            var target = ParseTarget(spectrum, spectrumSyntax, rank, trainer);

            cancellationToken.ThrowIfCancellationRequested();
            var errors = _diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
            var spec = errors || target is null || kernel is null
                ? null
                : new SpectrumClassSpec(HintName(), Namespace(), ContainingTypes(), Declaration(_syntax), target, rank, kernel.Value.Spec, trainer);
            return new ParseResult(spec, _diagnostics.ToEquatableArray());
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

        private (KernelSpec Spec, string Attribute)? ParseKernel()
        {
            (KernelSpec Spec, string Attribute)? found = null;
            foreach (var attribute in _type.GetAttributes())
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                if (name is not (ReluNtk or Gaussian or Laplace)) continue;
                var syntax = SyntaxOf(attribute);
                var shortName = attribute.AttributeClass!.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length);
                if (found is { } first)
                {
                    Report(DiagnosticDescriptors.DuplicateKernel, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(), Name, shortName, first.Attribute);
                    continue;
                }
                if (!Bound(attribute, syntax)) return null;
                KernelSpec spec;
                if (name == ReluNtk)
                {
                    var depth = NamedInt(attribute, syntax, "Depth", 1);
                    var bias = NamedDouble(attribute, syntax, "BiasScale", 0);
                    if (depth < 1) Report(DiagnosticDescriptors.MustBePositive, ArgumentLocation(syntax, "Depth"), "Depth", depth, Name);
                    if (!(bias >= 0) || double.IsInfinity(bias)) Report(DiagnosticDescriptors.MustBeNonNegative, ArgumentLocation(syntax, "BiasScale"), "BiasScale", Format(bias), Name, "; use 0 for a network without bias");
                    spec = new KernelSpec(KernelKind.ReluNtk, depth, bias, 0);
                }
                else
                {
                    var bandwidth = attribute.ConstructorArguments.Length == 1 ? ToDouble(attribute.ConstructorArguments[0].Value) : double.NaN;
                    if (!(bandwidth > 0) || double.IsInfinity(bandwidth))
                    {
                        Report(DiagnosticDescriptors.BandwidthNotPositive, PositionalLocation(syntax, 0), Format(bandwidth), shortName, Name);
                    }
                    spec = new KernelSpec(name == Gaussian ? KernelKind.Gaussian : KernelKind.Laplace, 0, 0, bandwidth);
                }
                found = (spec, shortName);
            }
            if (found is null) Report(DiagnosticDescriptors.MissingKernel, _syntax.Identifier.GetLocation(), Name);
            return found;
        }

        private TrainerSpec? ParseTrainer((KernelSpec Spec, string Attribute)? kernel)
        {
            var attribute = _type.GetAttributes().FirstOrDefault(candidate => candidate.AttributeClass?.ToDisplayString() == Trainer);
            if (attribute is null) return null;
            var syntax = SyntaxOf(attribute);
            if (!Bound(attribute, syntax)) return null;
            if (kernel is { } k && k.Spec.Kind != KernelKind.ReluNtk)
            {
                Report(DiagnosticDescriptors.TrainerNeedsReluNtk, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(), Name, k.Attribute);
            }
            // Only what the user set is kept: unset properties take TrainerConfig's defaults at run time.
            int? width = Named(attribute, "Width") is null ? null : NamedInt(attribute, syntax, "Width", 0);
            int? steps = Named(attribute, "Steps") is null ? null : NamedInt(attribute, syntax, "Steps", 0);
            double? rate = Named(attribute, "LearningRate") is null ? null : NamedDouble(attribute, syntax, "LearningRate", 0);
            double? tolerance = Named(attribute, "Tolerance") is null ? null : NamedDouble(attribute, syntax, "Tolerance", 0);
            int? seed = Named(attribute, "Seed") is null ? null : NamedInt(attribute, syntax, "Seed", 0);
            int? optimizer = Named(attribute, "Optimizer")?.Value is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
            if (width < 1) Report(DiagnosticDescriptors.MustBePositive, ArgumentLocation(syntax, "Width"), "Width", width.Value, Name);
            if (steps < 1) Report(DiagnosticDescriptors.MustBePositive, ArgumentLocation(syntax, "Steps"), "Steps", steps.Value, Name);
            if (rate is { } r && (!(r >= 0) || double.IsInfinity(r))) Report(DiagnosticDescriptors.MustBeNonNegative, ArgumentLocation(syntax, "LearningRate"), "LearningRate", Format(r), Name, "; use 0 to choose it automatically");
            if (tolerance is { } t && !(t > 0 && t < 1)) Report(DiagnosticDescriptors.ToleranceOutOfRange, ArgumentLocation(syntax, "Tolerance"), Format(t), Name);
            var optimizerName = optimizer switch { null => null, 0 => "GradientDescent", 1 => "Preconditioned", _ => "?" };
            if (optimizerName == "?")
            {
                Report(DiagnosticDescriptors.ArgumentNotBound, ArgumentLocation(syntax, "Optimizer"), "WideNetworkTrainer", Name);
                return null;
            }
            return new TrainerSpec(width, steps, rate, optimizerName, tolerance, seed);
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
                Report(DiagnosticDescriptors.Expression(diagnostic.Id), StringLocation(literal, diagnostic.Start, diagnostic.Length), diagnostic.Message);
            }
            if (!parsed.IsValid) return null;

            // Preconditioned is also TrainerConfig's default optimizer.
            if (trainer is { Optimizer: null or "Preconditioned" })
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

        // ---- attribute arguments -------------------------------------------------------------

        private bool Bound(AttributeData attribute, AttributeSyntax? syntax)
        {
            var failed = attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error);
            if (!failed && syntax?.ArgumentList is { } list)
            {
                // A named argument that did not bind is dropped from NamedArguments.
                failed = list.Arguments.Any(argument => argument.NameEquals is { } name
                    && !attribute.NamedArguments.Any(named => named.Key == name.Name.Identifier.ValueText));
            }
            if (failed)
            {
                Report(DiagnosticDescriptors.ArgumentNotBound, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(),
                    attribute.AttributeClass?.Name.Replace("Attribute", "") ?? "?", Name);
            }
            return !failed;
        }

        private static TypedConstant? Named(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name) return argument.Value;
            }
            return null;
        }

        private static int NamedInt(AttributeData attribute, AttributeSyntax? syntax, string name, int fallback) =>
            Named(attribute, name)?.Value is { } value && value is not string ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : fallback;

        private static double NamedDouble(AttributeData attribute, AttributeSyntax? syntax, string name, double fallback) =>
            Named(attribute, name)?.Value is { } value ? ToDouble(value) : fallback;

        private static double ToDouble(object? value) => value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => double.NaN,
        };

        private AttributeSyntax? SyntaxOf(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        private Location ArgumentLocation(AttributeSyntax? syntax, string name) =>
            syntax?.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == name)?.Expression.GetLocation()
            ?? syntax?.GetLocation() ?? _syntax.Identifier.GetLocation();

        private static ExpressionSyntax? PositionalExpression(AttributeSyntax? syntax, int index) =>
            syntax?.ArgumentList?.Arguments.Where(argument => argument.NameEquals is null).ElementAtOrDefault(index)?.Expression;

        private Location PositionalLocation(AttributeSyntax? syntax, int index) =>
            PositionalExpression(syntax, index)?.GetLocation() ?? syntax?.GetLocation() ?? _syntax.Identifier.GetLocation();

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

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
            _diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));
    }
}
