using System.Globalization;

namespace SpectrumDsl.Expressions;

/// <summary>
/// Splits expression text into tokens. Never throws: an unknown character becomes a
/// <see cref="TokenKind.Bad"/> token which the parser reports as SPD001.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && IsWhitespace(text[position])) position++;
            if (position >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", new TextSpan(text.Length, 0)));
                return tokens;
            }

            var start = position;
            var c = text[position];
            TokenKind kind;
            if (IsDigit(c) || (c == '.' && position + 1 < text.Length && IsDigit(text[position + 1])))
            {
                position = ScanNumber(text, position);
                kind = TokenKind.Number;
            }
            else if (IsIdentifierStart(c))
            {
                position++;
                while (position < text.Length && IsIdentifierPart(text[position])) position++;
                kind = TokenKind.Identifier;
            }
            else
            {
                (kind, var length) = ScanPunctuation(text, position);
                position += length;
            }
            tokens.Add(new Token(kind, text.Substring(start, position - start), TextSpan.FromBounds(start, position)));
        }
    }

    /// <summary>Describes a character for a message: <c>character '#' (U+0023)</c>.</summary>
    public static string DescribeCharacter(string text)
    {
        var code = text.Length == 2 && char.IsSurrogatePair(text[0], text[1])
            ? char.ConvertToUtf32(text[0], text[1])
            : text.Length > 0 ? text[0] : 0;
        var printable = text.Length > 0 && !char.IsControl(text[0]) && !char.IsWhiteSpace(text[0])
            && (text.Length == 2 || !char.IsSurrogate(text[0]));
        var hex = "U+" + code.ToString("X4", CultureInfo.InvariantCulture);
        return printable ? $"character '{text}' ({hex})" : $"character {hex}";
    }

    private static int ScanNumber(string text, int position)
    {
        while (position < text.Length && IsDigit(text[position])) position++;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            while (position < text.Length && IsDigit(text[position])) position++;
        }
        if (position < text.Length && (text[position] == 'e' || text[position] == 'E'))
        {
            var exponent = position + 1;
            if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-')) exponent++;
            if (exponent < text.Length && IsDigit(text[exponent]))
            {
                position = exponent;
                while (position < text.Length && IsDigit(text[position])) position++;
            }
        }
        return position;
    }

    private static (TokenKind Kind, int Length) ScanPunctuation(string text, int position)
    {
        var c = text[position];
        var next = position + 1 < text.Length ? text[position + 1] : '\0';
        switch (c)
        {
            case '+': return (TokenKind.Plus, 1);
            case '-': return (TokenKind.Minus, 1);
            case '\u2212': return (TokenKind.Minus, 1); // the typographic minus sign
            case '*': return (TokenKind.Star, 1);
            case '/': return (TokenKind.Slash, 1);
            case '^': return (TokenKind.Caret, 1);
            case '(': return (TokenKind.OpenParen, 1);
            case ')': return (TokenKind.CloseParen, 1);
            case ',': return (TokenKind.Comma, 1);
            case '?': return (TokenKind.Question, 1);
            case ':': return (TokenKind.Colon, 1);
            case '<': return next == '=' ? (TokenKind.LessOrEqual, 2) : (TokenKind.Less, 1);
            case '>': return next == '=' ? (TokenKind.GreaterOrEqual, 2) : (TokenKind.Greater, 1);
            case '=' when next == '=': return (TokenKind.EqualEqual, 2);
            case '!' when next == '=': return (TokenKind.NotEqual, 2);
        }
        var pair = char.IsHighSurrogate(c) && char.IsLowSurrogate(next);
        return (TokenKind.Bad, pair ? 2 : 1);
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

    private static bool IsIdentifierStart(char c) => c == '_' || (char.IsLetter(c) && !char.IsSurrogate(c));

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);
}
