using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpectrumDsl.Generators;

public sealed partial class SpectrumGenerator
{
    /// <summary>Reading attribute arguments, and explaining (SPD030) the ones that did not bind.</summary>
    private sealed partial class ClassParser
    {
        /// <summary>
        /// True when every argument of <paramref name="attribute"/> bound to a constant of its type.
        /// Otherwise reports SPD030 on the attribute, naming the first argument that failed (by name,
        /// or by position and parameter name), the type it expects and what was given; the compiler
        /// reports its own error too.
        /// </summary>
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
            // Roslyn still binds some wrong arguments (Depth = 1.5 becomes 1, with the compiler's CS0266):
            // the argument-by-argument check catches those too.
            var problem = ArgumentProblem(attribute, syntax);
            if (failed || problem is not null)
            {
                Report(DiagnosticDescriptors.ArgumentNotBound, syntax?.GetLocation() ?? _syntax.Identifier.GetLocation(),
                    ShortName(attribute), Name, (problem ?? "its arguments match no constructor and no settable property.") + " Fix the argument so it compiles.");
                return false;
            }
            return true;
        }

        /// <summary>The first argument of the attribute that is not a constant of its type, as a sentence; null when there is none.</summary>
        private string? ArgumentProblem(AttributeData attribute, AttributeSyntax? syntax)
        {
            if (attribute.AttributeClass is not { TypeKind: not TypeKind.Error } type) return "the attribute type could not be resolved.";
            var arguments = syntax?.ArgumentList?.Arguments.ToList() ?? [];
            var model = ModelOf(syntax);

            // Named properties first: which member they set does not depend on overload resolution.
            foreach (var argument in arguments)
            {
                if (argument.NameEquals is not { } nameEquals) continue;
                var name = nameEquals.Name.Identifier.ValueText;
                if (SettableType(type, name) is not { } expected)
                {
                    var settable = SettableNames(type);
                    return $"it has no settable property '{name}'" + (settable.Count == 0 ? "." : $"; its settable properties are {string.Join(", ", settable)}.");
                }
                if (ValueProblem(model, argument.Expression, expected) is { } problem) return $"argument {name} {problem}.";
            }

            var positional = arguments.Where(argument => argument.NameEquals is null).ToList();
            var constructors = type.InstanceConstructors.Where(constructor => constructor.DeclaredAccessibility == Accessibility.Public).ToList();
            var candidates = attribute.AttributeConstructor is { } bound ? [bound] : constructors.Where(constructor => Accepts(constructor, positional)).ToList();
            if (candidates.Count == 0)
            {
                return $"no constructor takes {Count(positional.Count, "positional argument")}; the constructors are "
                    + string.Join(" and ", constructors.Select(constructor => "(" + string.Join(", ", constructor.Parameters.Select(parameter => $"{Display(parameter.Type)} {parameter.Name}")) + ")")) + ".";
            }
            foreach (var constructor in candidates)
            {
                for (var index = 0; index < positional.Count; index++)
                {
                    var parameter = ParameterOf(constructor, positional[index], index);
                    if (parameter is not null && ValueProblem(model, positional[index].Expression, parameter.Type) is { } problem)
                    {
                        return $"argument {(index + 1).ToString(CultureInfo.InvariantCulture)} ({parameter.Name}) {problem}.";
                    }
                }
            }
            return null;
        }

        /// <summary>What is wrong with <paramref name="expression"/> as a value of <paramref name="expected"/>, or null.</summary>
        private static string? ValueProblem(SemanticModel? model, ExpressionSyntax expression, ITypeSymbol expected)
        {
            var text = expression.ToString();
            if (text.Length > 40) text = text.Substring(0, 37) + "...";
            if (model is null) return null; // no model for this file: Roslyn's own binding result decides
            var given = model.GetTypeInfo(expression).Type;
            if (given is { TypeKind: TypeKind.Error }) return $"expects {Display(expected)} but is {text}, which does not compile";
            var givenText = given is null ? text : $"{text} ({Display(given)})";
            if (!model.ClassifyConversion(expression, expected).IsImplicit) return $"expects {Display(expected)} but is {givenText}";
            // typeof(...) and arrays are attribute constants without a constant value; no setting of ours has those types.
            if (expression is not TypeOfExpressionSyntax && expected.TypeKind != TypeKind.Array && !model.GetConstantValue(expression).HasValue)
            {
                return $"expects a constant {Display(expected)} but is {givenText}, which is not a compile-time constant";
            }
            return null;
        }

        private static bool Accepts(IMethodSymbol constructor, List<AttributeArgumentSyntax> positional) =>
            positional.Count <= constructor.Parameters.Length
            && positional.Count >= constructor.Parameters.Count(parameter => !parameter.IsOptional && !parameter.IsParams)
            && positional.All(argument => argument.NameColon is null
                || constructor.Parameters.Any(parameter => parameter.Name == argument.NameColon.Name.Identifier.ValueText));

        private static IParameterSymbol? ParameterOf(IMethodSymbol constructor, AttributeArgumentSyntax argument, int index) =>
            argument.NameColon is { } nameColon
                ? constructor.Parameters.FirstOrDefault(parameter => parameter.Name == nameColon.Name.Identifier.ValueText)
                : index < constructor.Parameters.Length ? constructor.Parameters[index] : null;

        private static ITypeSymbol? SettableType(INamedTypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false, SetMethod.DeclaredAccessibility: Accessibility.Public } property) return property.Type;
                    if (member is IFieldSymbol { IsStatic: false, IsReadOnly: false, IsConst: false, DeclaredAccessibility: Accessibility.Public } field) return field.Type;
                }
            }
            return null;
        }

        private static List<string> SettableNames(INamedTypeSymbol type) =>
            type.GetMembers().OfType<IPropertySymbol>()
                .Where(property => property is { IsStatic: false, SetMethod.DeclaredAccessibility: Accessibility.Public })
                .Select(property => property.Name).ToList();

        private static string Display(ITypeSymbol type) =>
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

        /// <summary>The semantic model of the attribute's file (a partial class may carry attributes in another file).</summary>
        private SemanticModel? ModelOf(AttributeSyntax? syntax)
        {
            if (syntax is null) return null;
            if (syntax.SyntaxTree == context.SemanticModel.SyntaxTree) return context.SemanticModel;
            return context.SemanticModel.Compilation.ContainsSyntaxTree(syntax.SyntaxTree) ? context.SemanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree) : null;
        }

        // ---- values ----------------------------------------------------------------------------

        private static TypedConstant? Named(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name) return argument.Value;
            }
            return null;
        }

        /// <summary>An int constant, or null for anything else (unset, or an argument that did not bind).</summary>
        private static int? IntValue(TypedConstant? constant) => constant is { Kind: TypedConstantKind.Primitive, Value: int value } ? value : null;

        /// <summary>A numeric constant as a double; NaN for anything else (so every rule refuses it).</summary>
        private static double DoubleValue(TypedConstant constant) => constant.Value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => double.NaN,
        };

        /// <summary>"GaussianKernel" for GaussianKernelAttribute.</summary>
        private static string ShortName(AttributeData attribute)
        {
            var name = attribute.AttributeClass?.Name ?? "?";
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }

        // ---- locations -------------------------------------------------------------------------

        private AttributeSyntax? SyntaxOf(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        private static ExpressionSyntax? NamedExpression(AttributeSyntax? syntax, string name) =>
            syntax?.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == name)?.Expression;

        private Location ArgumentLocation(AttributeSyntax? syntax, string name) =>
            NamedExpression(syntax, name)?.GetLocation() ?? syntax?.GetLocation() ?? _syntax.Identifier.GetLocation();

        private static ExpressionSyntax? PositionalExpression(AttributeSyntax? syntax, int index) =>
            syntax?.ArgumentList?.Arguments.Where(argument => argument.NameEquals is null).ElementAtOrDefault(index)?.Expression;

        private Location PositionalLocation(AttributeSyntax? syntax, int index) =>
            PositionalExpression(syntax, index)?.GetLocation() ?? syntax?.GetLocation() ?? _syntax.Identifier.GetLocation();
    }
}
