namespace SpectrumDsl.Expressions;

/// <summary>A range of characters in the expression text: <see cref="Start"/> is a 0-based UTF-16 index.</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="Length">Number of UTF-16 characters covered.</param>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>Index one past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The smallest span covering both <paramref name="first"/> and <paramref name="last"/>.</summary>
    public static TextSpan Covering(TextSpan first, TextSpan last) => FromBounds(Math.Min(first.Start, last.Start), Math.Max(first.End, last.End));

    /// <summary>A span from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}..{End})";
}
