namespace SpectrumDsl.Expressions;

/// <summary>Kinds of lexical tokens.</summary>
internal enum TokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    OpenParen,
    CloseParen,
    Comma,
    Question,
    Colon,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    EqualEqual,
    NotEqual,
    /// <summary>A character that starts no token (its span covers a whole surrogate pair).</summary>
    Bad,
    End,
}

/// <summary>A token: its kind, its text and where it is.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, TextSpan Span)
{
    /// <summary>How the token is named in messages, e.g. <c>number '2'</c> or <c>')'</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Number => $"number '{Text}'",
        TokenKind.Identifier => $"name '{Text}'",
        TokenKind.End => "the end of the expression",
        TokenKind.Bad => Lexer.DescribeCharacter(Text),
        _ => $"'{Text}'",
    };
}
