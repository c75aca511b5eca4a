using System.Globalization;

namespace SpectrumDsl.Expressions;

/// <summary>
/// Recursive-descent parser. Grammar, lowest precedence first:
/// <code>
/// conditional := comparison ( '?' conditional ':' conditional )?        right-associative
/// comparison  := additive ( ('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') additive )*
/// additive    := multiplicative ( ('+' | '-') multiplicative )*
/// multiplicative := unary ( ('*' | '/') unary )*
/// unary       := '-' unary | power
/// power       := primary ( '^' unary )?                              so -2^2 = -(2^2), i^-2 = i^(-2), 2^3^2 = 2^(3^2)
/// primary     := number | name | name '(' (conditional (',' conditional)*)? ')' | '(' conditional ')'
/// </code>
/// Stops at the first syntax error (SPD001), or SPD007 when the tree would be deeper than
/// <see cref="SpectrumLanguage.MaxDepth"/>. Never throws.
/// </summary>
internal sealed class Parser
{
    private readonly List<Token> _tokens;
    private int _position;
    private int _nesting;

    private Parser(string text)
    {
        _tokens = Lexer.Tokenize(text);
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns <c>null</c> and one diagnostic.</summary>
    public static (ExpressionNode? Tree, ExpressionDiagnostic? Error) Parse(string text)
    {
        if (text.Trim(' ', '\t', '\r', '\n').Length == 0)
        {
            return (null, new ExpressionDiagnostic(DiagnosticIds.EmptyExpression,
                "The expression is empty; write a target such as 'lambda_k' or 'lambda^0.5'.", 0, text.Length));
        }
        try
        {
            var parser = new Parser(text);
            var (tree, _) = parser.ParseConditional();
            var next = parser.Current;
            if (next.Kind != TokenKind.End)
            {
                throw Error(next.Span, next.Kind == TokenKind.CloseParen
                    ? "Unexpected ')' with no matching '('; remove it or add a '(' before it."
                    : $"Unexpected {next.Describe()} after a complete expression; expected an operator such as '*' or '+', or the end of the expression.");
            }
            return (tree, null);
        }
        catch (ParseFailure failure)
        {
            return (null, failure.Diagnostic);
        }
    }

    private Token Current => _tokens[_position];

    private Token Previous => _tokens[Math.Max(0, _position - 1)];

    private Token Advance() => _tokens[_position < _tokens.Count - 1 ? _position++ : _position];

    private (ExpressionNode Node, int Depth) ParseConditional()
    {
        var condition = ParseComparison();
        if (Current.Kind != TokenKind.Question) return condition;
        var question = Advance();
        Enter(question.Span);
        var whenTrue = ParseConditional();
        if (Current.Kind != TokenKind.Colon)
        {
            throw Current.Kind == TokenKind.End
                ? Error(question.Span, "The conditional '?' has no ':' branch; write 'condition ? value : otherValue'.")
                : Error(Current.Span, $"Expected ':' for the conditional '?' at position {question.Span.Start}, but found {Current.Describe()}.");
        }
        Advance();
        var whenFalse = ParseConditional();
        Leave();
        var node = new ConditionalNode(condition.Node, whenTrue.Node, whenFalse.Node, TextSpan.Covering(condition.Node.Span, whenFalse.Node.Span));
        return Deeper(node, Max(condition.Depth, whenTrue.Depth, whenFalse.Depth));
    }

    private (ExpressionNode Node, int Depth) ParseComparison()
    {
        var left = ParseAdditive();
        while (ComparisonOperator(Current.Kind) is { } op)
        {
            var token = Advance();
            var right = ParseOperand(token, ParseAdditive);
            left = Deeper(new BinaryNode(op, left.Node, right.Node, TextSpan.Covering(left.Node.Span, right.Node.Span)), Math.Max(left.Depth, right.Depth));
        }
        return left;
    }

    private (ExpressionNode Node, int Depth) ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var token = Advance();
            var op = token.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            var right = ParseOperand(token, ParseMultiplicative);
            left = Deeper(new BinaryNode(op, left.Node, right.Node, TextSpan.Covering(left.Node.Span, right.Node.Span)), Math.Max(left.Depth, right.Depth));
        }
        return left;
    }

    private (ExpressionNode Node, int Depth) ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var token = Advance();
            var op = token.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            var right = ParseOperand(token, ParseUnary);
            left = Deeper(new BinaryNode(op, left.Node, right.Node, TextSpan.Covering(left.Node.Span, right.Node.Span)), Math.Max(left.Depth, right.Depth));
        }
        return left;
    }

    private (ExpressionNode Node, int Depth) ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus) return ParsePower();
        var minus = Advance();
        Enter(minus.Span);
        var operand = ParseOperand(minus, ParseUnary);
        Leave();
        return Deeper(new UnaryNode(UnaryOperator.Negate, operand.Node, TextSpan.Covering(minus.Span, operand.Node.Span)), operand.Depth);
    }

    private (ExpressionNode Node, int Depth) ParsePower()
    {
        var left = ParsePrimary();
        if (Current.Kind != TokenKind.Caret) return left;
        var caret = Advance();
        Enter(caret.Span);
        var right = ParseOperand(caret, ParseUnary);
        Leave();
        return Deeper(new BinaryNode(BinaryOperator.Power, left.Node, right.Node, TextSpan.Covering(left.Node.Span, right.Node.Span)), Math.Max(left.Depth, right.Depth));
    }

    private (ExpressionNode Node, int Depth) ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return (new NumberNode(ParseNumber(token.Text), token.Span), 1);
            case TokenKind.Identifier:
                Advance();
                if (Current.Kind == TokenKind.OpenParen) return ParseCall(token);
                return SpectrumLanguage.CanonicalConstant(token.Text) is { } constant
                    ? (new ConstantNode(constant, token.Span), 1)
                    : (new VariableNode(token.Text, token.Span), 1);
            case TokenKind.OpenParen:
            {
                Advance();
                Enter(token.Span);
                var inner = ParseConditional();
                Expect(TokenKind.CloseParen, token, "')' to close the '('");
                Leave();
                return inner;
            }
            default:
                throw MissingOperand(token, null);
        }
    }

    private (ExpressionNode Node, int Depth) ParseCall(Token name)
    {
        var open = Advance();
        Enter(open.Span);
        var arguments = new List<ExpressionNode>();
        var depth = 0;
        if (Current.Kind != TokenKind.CloseParen)
        {
            while (true)
            {
                var argument = ParseConditional();
                arguments.Add(argument.Node);
                depth = Math.Max(depth, argument.Depth);
                if (Current.Kind != TokenKind.Comma) break;
                var comma = Advance();
                if (Current.Kind is TokenKind.CloseParen or TokenKind.End or TokenKind.Comma)
                {
                    throw MissingOperand(Current, comma);
                }
            }
        }
        var close = Expect(TokenKind.CloseParen, open, $"',' or ')' to close the call to '{name.Text}'");
        Leave();
        var node = new CallNode(name.Text, EquatableArray<ExpressionNode>.Wrap(arguments.ToArray()), name.Span, TextSpan.Covering(name.Span, close.Span));
        return Deeper(node, depth);
    }

    private (ExpressionNode Node, int Depth) ParseOperand(Token op, Func<(ExpressionNode, int)> parse)
    {
        if (Current.Kind is TokenKind.End or TokenKind.CloseParen or TokenKind.Comma or TokenKind.Colon or TokenKind.Question
            or TokenKind.Plus or TokenKind.Star or TokenKind.Slash or TokenKind.Caret
            || ComparisonOperator(Current.Kind) is not null)
        {
            throw MissingOperand(Current, op);
        }
        return parse();
    }

    private Token Expect(TokenKind kind, Token opener, string what)
    {
        if (Current.Kind == kind) return Advance();
        if (Current.Kind == TokenKind.End)
        {
            throw Error(opener.Span, $"Missing {what} opened at position {opener.Span.Start}; add it at the end.");
        }
        throw Error(Current.Span, $"Expected {what} opened at position {opener.Span.Start}, but found {Current.Describe()}.");
    }

    private ParseFailure MissingOperand(Token found, Token? after)
    {
        const string operand = "a number, a variable such as 'lambda', a function call or '('";
        if (found.Kind == TokenKind.Bad)
        {
            return Error(found.Span, $"Unexpected {found.Describe()}; expected {operand}.");
        }
        if (after is { } op)
        {
            return found.Kind == TokenKind.End
                ? Error(op.Span, $"Missing operand after '{op.Text}' at the end of the expression; expected {operand}.")
                : Error(found.Span, $"Missing operand after '{op.Text}': found {found.Describe()} but expected {operand}.");
        }
        if (found.Kind == TokenKind.End)
        {
            var last = Previous;
            return Error(last.Span, $"The expression ends after {last.Describe()}; expected {operand}.");
        }
        return Error(found.Span, $"Unexpected {found.Describe()}; expected {operand}.");
    }

    private void Enter(TextSpan at)
    {
        if (++_nesting > SpectrumLanguage.MaxDepth) throw TooDeep(at);
    }

    private void Leave() => _nesting--;

    private static (ExpressionNode Node, int Depth) Deeper(ExpressionNode node, int childDepth)
    {
        var depth = childDepth + 1;
        if (depth > SpectrumLanguage.MaxDepth) throw TooDeep(node.Span);
        return (node, depth);
    }

    private static ParseFailure TooDeep(TextSpan at) => new(new ExpressionDiagnostic(DiagnosticIds.NestedTooDeeply,
        $"The expression is nested more than {SpectrumLanguage.MaxDepth} levels deep; split it into simpler terms or remove redundant parentheses and signs.",
        at.Start, at.Length));

    private static ParseFailure Error(TextSpan span, string message) => new(new ExpressionDiagnostic(DiagnosticIds.SyntaxError, message, span.Start, span.Length));

    private static int Max(int a, int b, int c) => Math.Max(a, Math.Max(b, c));

    private static BinaryOperator? ComparisonOperator(TokenKind kind) => kind switch
    {
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        TokenKind.EqualEqual => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        _ => null,
    };

    /// <summary>Invariant-culture parse; a literal too large for a double becomes +infinity (SPD006 later).</summary>
    private static double ParseNumber(string text)
    {
        try
        {
            return double.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return double.PositiveInfinity;
        }
    }

    private sealed class ParseFailure(ExpressionDiagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public ExpressionDiagnostic Diagnostic { get; } = diagnostic;
    }
}
