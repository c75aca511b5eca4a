namespace SpectrumDsl.Expressions;

/// <summary>What <see cref="TargetSign.Analyze"/> can prove about a target.</summary>
public enum SignVerdict
{
    /// <summary>Nothing provable: the sign depends on the data, or the value may be NaN or infinite.</summary>
    Unknown,
    /// <summary>Always &gt; 0 (over the reals; rounding underflow is ignored).</summary>
    ProvablyPositive,
    /// <summary>Always &lt;= 0: preconditioned gradient descent would divide by a non-positive target.</summary>
    ProvablyNonPositive,
    /// <summary>Always NaN or an infinity (for example <c>lambda / 0</c> or <c>log(-lambda)</c>).</summary>
    ProvablyNonFinite,
}

/// <summary>
/// Interval analysis of a checked target under the domain assumptions lambda &gt; 0,
/// lambda_1 &gt;= lambda_k &gt; 0, i &gt;= 1, k &gt;= 1, n &gt;= 1 (each variable independent, which only
/// makes the analysis more conservative). Reasoning is over the real numbers: overflow and
/// underflow by rounding are not modelled. Never throws.
/// </summary>
public static class TargetSign
{
    /// <summary>Classifies the sign of <paramref name="tree"/>.</summary>
    public static SignVerdict Analyze(ExpressionNode tree)
    {
        Range range;
        try
        {
            range = Evaluate(tree);
        }
        catch (InvalidOperationException)
        {
            return SignVerdict.Unknown; // unchecked tree (unknown names or types)
        }
        if (range.NonFinite) return SignVerdict.ProvablyNonFinite;
        if (range.MaybeNonFinite) return SignVerdict.Unknown;
        if (range.Lo > 0 || (range.Lo == 0 && range.LoOpen)) return SignVerdict.ProvablyPositive;
        if (range.Hi <= 0) return SignVerdict.ProvablyNonPositive;
        return SignVerdict.Unknown;
    }

    /// <summary>
    /// A set of reals between two bounds (each open or closed; infinite bounds are always open),
    /// plus whether the value is certainly (<see cref="NonFinite"/>) or possibly
    /// (<see cref="MaybeNonFinite"/>) NaN or infinite.
    /// </summary>
    private readonly record struct Range(double Lo, bool LoOpen, double Hi, bool HiOpen, bool MaybeNonFinite = false, bool NonFinite = false)
    {
        public static Range All => new(double.NegativeInfinity, true, double.PositiveInfinity, true);
        public static Range Point(double value) => new(value, false, value, false);
        public static Range Invalid => All with { MaybeNonFinite = true, NonFinite = true };
        public static Range Unknown => All with { MaybeNonFinite = true };
        public bool Positive => Lo > 0 || (Lo == 0 && LoOpen);
        public bool Negative => Hi < 0 || (Hi == 0 && HiOpen);
        public bool IsZero => Lo == 0 && Hi == 0 && !LoOpen && !HiOpen;

        public bool IsPoint => Lo == Hi && !LoOpen && !HiOpen;
        public bool ContainsZero => !Positive && !Negative;
        public Range Flag(bool maybe) => this with { MaybeNonFinite = MaybeNonFinite || maybe };
    }

    private enum Truth { Unknown, True, False }

    private static Range Evaluate(ExpressionNode node)
    {
        switch (node)
        {
            case NumberNode number:
                return Semantics.IsFinite(number.Value) ? Range.Point(number.Value) : Range.Invalid;
            case ConstantNode constant:
                return Range.Point(constant.Value);
            case VariableNode variable:
                return SpectrumLanguage.CanonicalVariable(variable.Name) switch
                {
                    "lambda" or "lambda_1" or "lambda_k" => new Range(0, true, double.PositiveInfinity, true),
                    "i" or "k" or "n" => new Range(1, false, double.PositiveInfinity, true),
                    _ => throw new InvalidOperationException(),
                };
            case UnaryNode unary:
                return Negate(Evaluate(unary.Operand));
            case BinaryNode binary when !binary.Operator.IsComparison():
            {
                if (binary.Operator == BinaryOperator.Subtract && binary.Left.StructurallyEquals(binary.Right))
                {
                    var operand = Evaluate(binary.Left);
                    return operand.NonFinite ? Range.Invalid : operand.MaybeNonFinite ? Range.Unknown : Range.Point(0); // x - x
                }
                return Arithmetic(binary.Operator, Evaluate(binary.Left), Evaluate(binary.Right));
            }
            case ConditionalNode conditional:
            {
                var truth = Decide(conditional.Condition);
                if (truth == Truth.True) return Evaluate(conditional.WhenTrue);
                if (truth == Truth.False) return Evaluate(conditional.WhenFalse);
                var a = Evaluate(conditional.WhenTrue);
                var b = Evaluate(conditional.WhenFalse);
                return Hull(a, b) with { MaybeNonFinite = a.MaybeNonFinite || b.MaybeNonFinite, NonFinite = a.NonFinite && b.NonFinite };
            }
            case CallNode call when SpectrumLanguage.FunctionArity(call.Name) == call.Arguments.Count:
                return Call(call.Name, call.Arguments.Select(Evaluate).ToArray());
            default:
                throw new InvalidOperationException();
        }
    }

    private static Range Arithmetic(BinaryOperator op, Range a, Range b)
    {
        switch (op)
        {
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
            case BinaryOperator.Multiply:
                if (a.NonFinite || b.NonFinite) return Range.Invalid; // NaN and infinities survive + - *
                if (a.MaybeNonFinite || b.MaybeNonFinite) return Range.Unknown;
                return op switch
                {
                    BinaryOperator.Add => Add(a, b),
                    BinaryOperator.Subtract => Add(a, Negate(b)),
                    _ => Multiply(a, b),
                };
            case BinaryOperator.Divide:
                if (a.MaybeNonFinite || b.MaybeNonFinite) return a.NonFinite ? Range.Invalid : Range.Unknown;
                if (b.IsZero) return Range.Invalid;
                if (b.ContainsZero) return Range.Unknown;
                // A constant quotient is the one the compiled target computes: 3 / 0.0638... is 47.00000000000001,
                // not an odd integer exponent, while 3 * (1 / 0.0638...) rounds to exactly 47.
                if (a.IsPoint && b.IsPoint) return Fix(Range.Point(a.Lo / b.Lo));
                return Multiply(a, Reciprocal(b));
            default:
                return Pow(a, b);
        }
    }

    private static Range Call(string name, Range[] args)
    {
        var a = args[0];
        switch (name)
        {
            case "pow":
                return Pow(a, args[1]);
            case "min":
            case "max":
            {
                var b = args[1];
                if (a.MaybeNonFinite || b.MaybeNonFinite) return Range.Unknown; // Math.Min(+inf, 1) is 1
                return name == "min"
                    ? Bounds(Lower(a.Lo, a.LoOpen, b.Lo, b.LoOpen), Lower(a.Hi, a.HiOpen, b.Hi, b.HiOpen))
                    : Bounds(Upper(a.Lo, a.LoOpen, b.Lo, b.LoOpen), Upper(a.Hi, a.HiOpen, b.Hi, b.HiOpen));
            }
        }
        if (a.NonFinite) return name == "exp" ? Range.Unknown : Range.Invalid; // exp(-inf) is 0
        if (a.MaybeNonFinite) return Range.Unknown;
        switch (name)
        {
            case "exp":
                return Fix(new Range(Math.Exp(a.Lo), a.LoOpen || Math.Exp(a.Lo) == 0, Math.Exp(a.Hi), a.HiOpen || double.IsInfinity(Math.Exp(a.Hi))));
            case "log":
                if (a.Hi < 0 || a.IsZero || (a.Hi == 0 && a.HiOpen)) return Range.Invalid;
                if (!a.Positive) return Range.Unknown;
                return new Range(Math.Log(a.Lo), a.LoOpen, Math.Log(a.Hi), a.HiOpen);
            case "sqrt":
                if (a.Negative) return Range.Invalid;
                if (a.Lo < 0) return Range.Unknown;
                return new Range(Math.Sqrt(a.Lo), a.LoOpen, Math.Sqrt(a.Hi), a.HiOpen);
            default: // abs
                if (!a.Negative && a.Lo >= 0) return a;
                if (a.Hi <= 0) return Negate(a);
                return new Range(0, false, Math.Max(-a.Lo, a.Hi), a.Hi >= -a.Lo ? a.HiOpen : a.LoOpen);
        }
    }

    private static Range Pow(Range a, Range b)
    {
        if (a.MaybeNonFinite || b.MaybeNonFinite) return Range.Unknown; // Math.Pow(x, -inf) can be 0
        if (a.Positive) return new Range(0, true, double.PositiveInfinity, true); // positive base: positive
        if (b.Lo == b.Hi && !b.LoOpen && b.Lo == Math.Floor(b.Lo) && Math.Abs(b.Lo) < 1e15)
        {
            var exponent = b.Lo;
            if (exponent == 0) return Range.Point(1); // Math.Pow(x, 0) is 1 even for NaN
            if (a.IsZero) return exponent > 0 ? Range.Point(0) : Range.Invalid;
            if (exponent < 0 && a.ContainsZero) return Range.Unknown;
            var even = Math.Abs(exponent % 2) == 0;
            if (even) return new Range(0, !a.ContainsZero, double.PositiveInfinity, true);
            if (a.Negative) return new Range(double.NegativeInfinity, true, 0, true);
            if (a.Lo >= 0) return new Range(0, !a.ContainsZero, double.PositiveInfinity, true);
            return Range.All;
        }
        if (a.Lo < 0) return Range.Unknown; // negative base, fractional exponent: NaN
        return new Range(0, false, double.PositiveInfinity, true, MaybeNonFinite: !b.Positive); // 0 ^ negative is +infinity
    }

    private static Range Negate(Range a) => a with { Lo = -a.Hi, LoOpen = a.HiOpen, Hi = -a.Lo, HiOpen = a.LoOpen };

    private static Range Add(Range a, Range b) => Fix(new(a.Lo + b.Lo, a.LoOpen || b.LoOpen || double.IsInfinity(a.Lo + b.Lo), a.Hi + b.Hi, a.HiOpen || b.HiOpen || double.IsInfinity(a.Hi + b.Hi)));

    private static Range Multiply(Range a, Range b)
    {
        var products = new[]
        {
            Product(a.Lo, a.LoOpen, b.Lo, b.LoOpen), Product(a.Lo, a.LoOpen, b.Hi, b.HiOpen),
            Product(a.Hi, a.HiOpen, b.Lo, b.LoOpen), Product(a.Hi, a.HiOpen, b.Hi, b.HiOpen),
        };
        var lo = products[0];
        var hi = products[0];
        foreach (var p in products)
        {
            lo = Lower(lo.Value, lo.Open, p.Value, p.Open);
            hi = Upper(hi.Value, hi.Open, p.Value, p.Open);
        }
        return Fix(Bounds(lo, hi));
    }

    /// <summary>Product of two bounds; a closed zero bound makes an attained 0 whatever the other factor.</summary>
    private static (double Value, bool Open) Product(double a, bool aOpen, double b, bool bOpen)
    {
        if ((a == 0 && !aOpen) || (b == 0 && !bOpen)) return (0, false);
        if (a == 0 || b == 0) return (0, true);
        var value = a * b;
        return (value, aOpen || bOpen || double.IsInfinity(value));
    }

    /// <summary>1/b for a range strictly on one side of 0.</summary>
    private static Range Reciprocal(Range b) => new(
        double.IsInfinity(b.Hi) ? 0 : b.Hi == 0 ? double.NegativeInfinity : 1 / b.Hi, b.HiOpen,
        double.IsInfinity(b.Lo) ? 0 : b.Lo == 0 ? double.PositiveInfinity : 1 / b.Lo, b.LoOpen);

    /// <summary>Keeps a finite real bound finite when rounding overflows it (e^1000 is a real number).</summary>
    private static Range Fix(Range r) => r with
    {
        Lo = r.Lo == double.PositiveInfinity ? double.MaxValue : r.Lo,
        LoOpen = r.LoOpen || r.Lo == double.PositiveInfinity,
        Hi = r.Hi == double.NegativeInfinity ? -double.MaxValue : r.Hi,
        HiOpen = r.HiOpen || r.Hi == double.NegativeInfinity,
    };

    private static Range Hull(Range a, Range b) => Bounds(Lower(a.Lo, a.LoOpen, b.Lo, b.LoOpen), Upper(a.Hi, a.HiOpen, b.Hi, b.HiOpen));

    private static Range Bounds((double Value, bool Open) lo, (double Value, bool Open) hi) => new(lo.Value, lo.Open, hi.Value, hi.Open);

    // On a tie the closed bound wins: the closed set contains the open one.
    private static (double Value, bool Open) Lower(double a, bool aOpen, double b, bool bOpen) => a < b ? (a, aOpen) : b < a ? (b, bOpen) : (a, aOpen && bOpen);

    private static (double Value, bool Open) Upper(double a, bool aOpen, double b, bool bOpen) => a > b ? (a, aOpen) : b > a ? (b, bOpen) : (a, aOpen && bOpen);

    private static Truth Decide(ExpressionNode condition)
    {
        if (condition is not BinaryNode { } comparison || !comparison.Operator.IsComparison()) throw new InvalidOperationException();
        var a = Evaluate(comparison.Left);
        var b = Evaluate(comparison.Right);
        if (a.MaybeNonFinite || b.MaybeNonFinite) return Truth.Unknown;
        var less = a.Hi < b.Lo || (a.Hi == b.Lo && (a.HiOpen || b.LoOpen)); // always a < b
        var greater = b.Hi < a.Lo || (b.Hi == a.Lo && (b.HiOpen || a.LoOpen)); // always a > b
        var lessOrEqual = a.Hi <= b.Lo; // always a <= b
        var greaterOrEqual = b.Hi <= a.Lo;
        var equal = a.Lo == a.Hi && b.Lo == b.Hi && a.Lo == b.Lo && !a.LoOpen && !b.LoOpen;
        return comparison.Operator switch
        {
            BinaryOperator.Less => less ? Truth.True : greaterOrEqual ? Truth.False : Truth.Unknown,
            BinaryOperator.LessOrEqual => lessOrEqual ? Truth.True : greater ? Truth.False : Truth.Unknown,
            BinaryOperator.Greater => greater ? Truth.True : lessOrEqual ? Truth.False : Truth.Unknown,
            BinaryOperator.GreaterOrEqual => greaterOrEqual ? Truth.True : less ? Truth.False : Truth.Unknown,
            BinaryOperator.Equal => equal ? Truth.True : less || greater ? Truth.False : Truth.Unknown,
            _ => equal ? Truth.False : less || greater ? Truth.True : Truth.Unknown,
        };
    }
}
