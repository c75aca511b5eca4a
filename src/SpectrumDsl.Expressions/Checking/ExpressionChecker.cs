using System.Globalization;

namespace SpectrumDsl.Expressions;

/// <summary>
/// Semantic checks on a parsed tree: names (SPD002, SPD003), argument counts (SPD004), number
/// versus comparison types (SPD005) and constant subexpressions that fold to NaN or an infinity
/// (SPD006, reported once, on the innermost such subexpression). Folding uses <see cref="Semantics"/>,
/// so it computes exactly what the generated code would.
/// </summary>
public static class ExpressionChecker
{
    private enum Kind { Number, Boolean, Error }

    private readonly record struct Info(Kind Kind, double? Number = null, bool? Boolean = null);

    /// <summary>
    /// Checks <paramref name="tree"/>. <paramref name="text"/> is the source the spans refer to, used
    /// to quote the offending text in messages (the canonical print is used when it is <c>null</c>).
    /// Diagnostics are ordered by position. Never throws.
    /// </summary>
    public static EquatableArray<ExpressionDiagnostic> Check(ExpressionNode tree, string? text = null)
    {
        var walker = new Walker(text);
        var top = walker.Visit(tree);
        if (top.Kind == Kind.Boolean)
        {
            var quoted = walker.Quote(tree);
            walker.Report(DiagnosticIds.TypeMismatch, tree.Span,
                $"'{quoted}' is a comparison (true or false) but the target must be a number; use it as a condition, e.g. '{quoted} ? lambda_k : lambda'.");
        }
        return walker.Diagnostics.OrderBy(diagnostic => diagnostic.Start).ToEquatableArray();
    }

    private sealed class Walker(string? text)
    {
        public List<ExpressionDiagnostic> Diagnostics { get; } = [];

        public void Report(string id, TextSpan span, string message) => Diagnostics.Add(new ExpressionDiagnostic(id, message, span.Start, span.Length));

        public string Quote(ExpressionNode node)
        {
            var quoted = text is not null && node.Span.Start >= 0 && node.Span.End <= text.Length && node.Span.Length > 0
                ? text.Substring(node.Span.Start, node.Span.Length)
                : ExpressionPrinter.Print(node);
            return quoted.Length <= 40 ? quoted : quoted.Substring(0, 37) + "...";
        }

        public Info Visit(ExpressionNode node) => node switch
        {
            NumberNode number => VisitNumber(number),
            VariableNode variable => VisitVariable(variable),
            ConstantNode constant => new Info(Kind.Number, constant.Value),
            UnaryNode unary => VisitUnary(unary),
            BinaryNode binary => VisitBinary(binary),
            ConditionalNode conditional => VisitConditional(conditional),
            CallNode call => VisitCall(call),
            _ => new Info(Kind.Error),
        };

        private Info VisitNumber(NumberNode number)
        {
            if (Semantics.IsFinite(number.Value)) return new Info(Kind.Number, number.Value);
            Report(DiagnosticIds.NonFiniteConstant, number.Span,
                $"The number '{Quote(number)}' is too large for a double and would be infinity; use a value below 1.7976931348623157E+308.");
            return new Info(Kind.Number);
        }

        private Info VisitVariable(VariableNode variable)
        {
            if (SpectrumLanguage.CanonicalVariable(variable.Name) is not null) return new Info(Kind.Number);
            if (SpectrumLanguage.FunctionArity(variable.Name) is var arity and > 0)
            {
                var arguments = arity == 1 ? "x" : "x, y";
                Report(DiagnosticIds.UnknownVariable, variable.Span,
                    $"'{variable.Name}' is a function, not a variable; call it with arguments, e.g. '{variable.Name}({arguments})'.");
                return new Info(Kind.Error);
            }
            var suggestion = Suggestions.Closest(variable.Name, SpectrumLanguage.Variables.Concat(SpectrumLanguage.Constants));
            Report(DiagnosticIds.UnknownVariable, variable.Span, suggestion is not null
                ? $"Unknown variable '{variable.Name}'; did you mean '{suggestion}'?"
                : $"Unknown variable '{variable.Name}'; the variables are lambda (or λ), i, k, n, lambda_1 and lambda_k, and the constants pi and e.");
            return new Info(Kind.Error);
        }

        private Info VisitUnary(UnaryNode unary)
        {
            var operand = Visit(unary.Operand);
            if (!RequireNumber(operand, unary.Operand, "negated with '-'")) return new Info(Kind.Error);
            return Fold(unary, operand.Number is { } value ? -value : null);
        }

        private Info VisitBinary(BinaryNode binary)
        {
            var left = Visit(binary.Left);
            var right = Visit(binary.Right);
            var role = binary.Operator.IsComparison() ? $"compared with '{binary.Operator.Text()}'" : $"an operand of '{binary.Operator.Text()}'";
            var ok = RequireNumber(left, binary.Left, role) & RequireNumber(right, binary.Right, role);
            if (!ok) return new Info(binary.Operator.IsComparison() ? Kind.Boolean : Kind.Error);
            if (binary.Operator.IsComparison())
            {
                return new Info(Kind.Boolean, Boolean: left.Number is { } a && right.Number is { } b ? Semantics.Compare(binary.Operator, a, b) : null);
            }
            return Fold(binary, left.Number is { } x && right.Number is { } y ? Semantics.Arithmetic(binary.Operator, x, y) : null);
        }

        private Info VisitConditional(ConditionalNode conditional)
        {
            var condition = Visit(conditional.Condition);
            var whenTrue = Visit(conditional.WhenTrue);
            var whenFalse = Visit(conditional.WhenFalse);
            if (condition.Kind == Kind.Number)
            {
                var quoted = Quote(conditional.Condition);
                Report(DiagnosticIds.TypeMismatch, conditional.Condition.Span,
                    $"The condition '{quoted}' is a number, but '?' needs a comparison; write e.g. '{quoted} > 0 ? ...'.");
            }
            var ok = RequireNumber(whenTrue, conditional.WhenTrue, "a branch of '?:'") & RequireNumber(whenFalse, conditional.WhenFalse, "a branch of '?:'");
            if (!ok || condition.Kind != Kind.Boolean) return new Info(Kind.Error);
            var chosen = condition.Boolean switch { true => whenTrue, false => whenFalse, null => default };
            return new Info(Kind.Number, condition.Boolean is null ? null : chosen.Number);
        }

        private Info VisitCall(CallNode call)
        {
            var arguments = call.Arguments.Select(Visit).ToList();
            var arity = SpectrumLanguage.FunctionArity(call.Name);
            if (arity < 0)
            {
                var message = SpectrumLanguage.CanonicalVariable(call.Name) is not null || SpectrumLanguage.CanonicalConstant(call.Name) is not null
                    ? $"'{call.Name}' is a variable, not a function; to multiply write '{call.Name} * (...)'."
                    : Suggestions.Closest(call.Name, SpectrumLanguage.Functions.Select(function => function.Key)) is { } suggestion
                        ? $"Unknown function '{call.Name}'; did you mean '{suggestion}'?"
                        : $"Unknown function '{call.Name}'; the functions are exp, log, sqrt, abs, pow, min and max.";
                Report(DiagnosticIds.UnknownFunction, call.NameSpan, message);
                return new Info(Kind.Error);
            }
            if (arguments.Count != arity)
            {
                Report(DiagnosticIds.WrongArgumentCount, call.Span,
                    $"'{call.Name}' takes {Count(arity)} but is given {Count(arguments.Count)}; write '{call.Name}({(arity == 1 ? "x" : "x, y")})'.");
                return new Info(Kind.Error);
            }
            var ok = true;
            for (var index = 0; index < arguments.Count; index++)
            {
                ok &= RequireNumber(arguments[index], call.Arguments[index], $"an argument of '{call.Name}'");
            }
            if (!ok) return new Info(Kind.Error);
            return Fold(call, arguments.All(argument => argument.Number is not null)
                ? Semantics.Call(call.Name, arguments.Select(argument => argument.Number!.Value).ToArray())
                : null);
        }

        private Info Fold(ExpressionNode node, double? value)
        {
            if (value is not { } folded || Semantics.IsFinite(folded)) return new Info(Kind.Number, value);
            var what = double.IsNaN(folded) ? "NaN (not a number)" : folded > 0 ? "+infinity" : "-infinity";
            Report(DiagnosticIds.NonFiniteConstant, node.Span,
                $"'{Quote(node)}' is constant and always evaluates to {what}; change it so it is a finite number.");
            return new Info(Kind.Number);
        }

        private bool RequireNumber(Info info, ExpressionNode node, string role)
        {
            if (info.Kind != Kind.Boolean) return info.Kind == Kind.Number;
            var quoted = Quote(node);
            Report(DiagnosticIds.TypeMismatch, node.Span,
                $"The comparison '{quoted}' is true or false, not a number, so it cannot be {role}; use '({quoted}) ? a : b' to choose between numbers.");
            return false;
        }

        private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " argument" : " arguments");
    }
}
