using CsCheck;
using static SpectrumDsl.Expressions.Tests.TestHelpers;

namespace SpectrumDsl.Expressions.Tests;

public class PropertyTests
{
    private static readonly Gen<ExpressionNode> Leaf = Gen.Frequency(
        (3, Gen.OneOf(Gen.Int[0, 20].Select(value => (double)value), Gen.Double[0, 10], Gen.Double.Select(Math.Abs).Where(Semantics.IsFinite))
            .Select(value => (ExpressionNode)new NumberNode(value, default))),
        (4, Gen.OneOf("lambda", "λ", "i", "k", "n", "lambda_1", "lambda_k").Select(name => (ExpressionNode)new VariableNode(name, default))),
        (1, Gen.OneOf("pi", "e").Select(name => (ExpressionNode)new ConstantNode(name, default))));

    private static readonly string[] Unary = ["exp", "log", "sqrt", "abs"];
    private static readonly string[] Binary = ["pow", "min", "max"];

    /// <summary>Well-typed numeric trees (comparisons only as conditions).</summary>
    internal static Gen<ExpressionNode> Tree(int depth)
    {
        if (depth == 0) return Leaf;
        var sub = Tree(depth - 1);
        var comparison = Gen.Select(Gen.Int[(int)BinaryOperator.Less, (int)BinaryOperator.NotEqual], sub, sub,
            (op, left, right) => (ExpressionNode)new BinaryNode((BinaryOperator)op, left, right, default));
        return Gen.Frequency(
            (2, Leaf),
            (1, sub.Select(operand => (ExpressionNode)new UnaryNode(UnaryOperator.Negate, operand, default))),
            (4, Gen.Select(Gen.Int[(int)BinaryOperator.Add, (int)BinaryOperator.Power], sub, sub,
                (op, left, right) => (ExpressionNode)new BinaryNode((BinaryOperator)op, left, right, default))),
            (1, Gen.Select(comparison, sub, sub, (condition, a, b) => (ExpressionNode)new ConditionalNode(condition, a, b, default))),
            (1, Gen.Select(Gen.OneOf(Unary), sub, (name, argument) => (ExpressionNode)new CallNode(name, EquatableArray.Create(argument), default, default))),
            (1, Gen.Select(Gen.OneOf(Binary), sub, sub, (name, a, b) => (ExpressionNode)new CallNode(name, EquatableArray.Create(a, b), default, default))));
    }

    private static readonly Gen<ExpressionNode> Trees = Gen.Int[0, 5].SelectMany(Tree);

    [Fact]
    public void Random_trees_round_trip_through_print_and_parse()
    {
        Trees.Sample(tree =>
        {
            var text = ExpressionPrinter.Print(tree);
            var parsed = SpectrumExpression.Parse(text);
            Assert.True(parsed.Syntax is not null, $"{text}: {string.Join("; ", parsed.Diagnostics)}");
            Assert.True(parsed.Syntax!.StructurallyEquals(tree), $"{text} reparsed as {Sexp(parsed.Syntax)}, expected {Sexp(tree)}");
            Assert.Equal(text, ExpressionPrinter.Print(parsed.Syntax)); // printing is idempotent
            foreach (var diagnostic in parsed.Diagnostics) Assert.Equal("SPD006", diagnostic.Id); // well-typed: only folding can complain
        }, iter: 3000, print: Sexp);
    }

    private static readonly Gen<string> Pieces = Gen.OneOf(
        "lambda", "λ", "i", "k", "n", "lambda_1", "lambda_k", "pi", "e", "exp", "pow", "min", "foo", "1", "2.5", "1e-3", "1e400", ".",
        "(", ")", ",", "+", "-", "*", "/", "^", "<", "<=", "==", "!=", "!", "=", ">", ">=", "?", ":", " ", "\0", "\uD800", "\uDC00", "😀", "λ_k", "−");

    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 30].Select(chars => new string(chars)),
        Pieces.Array[0, 30].Select(string.Concat));

    [Fact]
    public void Random_strings_never_throw_and_spans_lie_inside_the_text()
    {
        Texts.Sample(text =>
        {
            var parsed = SpectrumExpression.Parse(text);
            Assert.Equal(parsed.Syntax is null || parsed.Diagnostics.Count > 0, !parsed.IsValid);
            if (parsed.Syntax is null) Assert.NotEmpty(parsed.Diagnostics);
            foreach (var diagnostic in parsed.Diagnostics)
            {
                Assert.Matches("^SPD00[1-8]$", diagnostic.Id);
                Assert.InRange(diagnostic.Start, 0, text.Length);
                Assert.InRange(diagnostic.Length, 0, text.Length - diagnostic.Start);
                Assert.True(diagnostic.Length > 0 || diagnostic.Id == "SPD008", diagnostic.ToString());
                Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
            }
            if (parsed.IsValid)
            {
                // Valid text: everything downstream works and agrees.
                Assert.True(SpectrumExpression.Parse(ExpressionPrinter.Print(parsed.Syntax!)).Syntax!.StructurallyEquals(parsed.Syntax));
                _ = CSharpEmitter.Emit(parsed.Syntax!);
                _ = TargetSign.Analyze(parsed.Syntax!);
            }
        }, iter: 5000);
    }

    private static readonly TargetVariables[] Grid =
    [
        .. from lambda in new[] { 1e-300, 1e-8, 0.3, 1.0, 2.5, 1e10 }
           from i in new[] { 1, 2, 7, 64 }
           from k in new[] { 1, 8 }
           from n in new[] { 1, 100 }
           select new TargetVariables(lambda, i, k, n, Lambda1: lambda * 3 + 1, LambdaK: lambda / 7),
    ];

    [Fact]
    public void Compiled_delegate_equals_the_reference_interpreter_bit_for_bit()
    {
        Trees.Sample(tree =>
        {
            var compiled = ExpressionCompiler.Compile(tree);
            foreach (var v in Grid)
            {
                var expected = Interpret(tree, v);
                var actual = compiled(v);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
                    $"{ExpressionPrinter.Print(tree)} at {v}: interpreter {expected:R}, compiled {actual:R}");
            }
        }, iter: 500, print: ExpressionPrinter.Print);
    }

    [Fact]
    public void Constant_folding_in_the_checker_agrees_with_the_compiled_delegate()
    {
        // A constant tree that the checker accepts must compile to the value the checker folded (finite).
        Tree(4).Where(tree => !ExpressionPrinter.Print(tree).Any(char.IsLetter) || ExpressionPrinter.Print(tree).All(c => !"λiknl".Contains(c)))
            .Sample(tree =>
            {
                var text = ExpressionPrinter.Print(tree);
                var parsed = SpectrumExpression.Parse(text);
                if (!parsed.IsValid) return;
                var value = SpectrumExpression.Compile(text).Evaluate(default);
                Assert.False(double.IsNaN(value) || double.IsInfinity(value), $"{text} = {value:R} was accepted by the checker");
            }, iter: 500, print: ExpressionPrinter.Print);
    }
}

public class SignSoundnessTests
{
    [Fact]
    public void Sign_verdicts_hold_on_a_grid_of_variables()
    {
        var trees = Gen.Int[0, 4].SelectMany(depth => PropertyTests.Tree(depth));
        var grid = from lambda in new[] { 1e-6, 0.3, 1.0, 2.5, 40.0 }
                   from i in new[] { 1, 2, 9 }
                   select new TargetVariables(lambda, i, Rank: 8, SampleCount: 50, Lambda1: lambda + 1, LambdaK: lambda / 3);
        trees.Sample(tree =>
        {
            var verdict = TargetSign.Analyze(tree);
            if (verdict == SignVerdict.Unknown) return;
            // The analysis reasons over the reals (TargetSign's contract); where the doubles depart from them
            // ((e / lambda_1) ^ -3.5e49 rounds to 0, pi + 1e-59 == pi), it promises nothing.
            foreach (var v in grid.Where(v => !DoublesDepartFromReals(tree, v)))
            {
                var value = Interpret(tree, v);
                var message = $"{ExpressionPrinter.Print(tree)} = {value:R} at {v} but verdict {verdict}";
                switch (verdict)
                {
                    case SignVerdict.ProvablyPositive: Assert.True(value > 0, message); break;
                    case SignVerdict.ProvablyNonPositive: Assert.True(value <= 0, message); break; // NaN fails too
                    default: Assert.False(Semantics.IsFinite(value), message); break;
                }
            }
        }, iter: 3000, print: ExpressionPrinter.Print);
    }
}

public class DoubleRangeTests
{
    private static readonly TargetVariables Point = new(1e-6, 1, Rank: 8, SampleCount: 50, Lambda1: 1.000001, LambdaK: 1e-6 / 3);

    [Theory]
    [InlineData("min(pi, (e / lambda_1) ^ -3.4962786912790383E+49) != 0 ? i : 1 / (log(9.886E-43) / pow(k, 9.91346015472258E+49))", true)] // CI seed 8UAAcexZ7Ao1: the power rounds to 0
    [InlineData("sqrt(-lambda / 1e300 / 1e30)", true)] // -1e-306 / 1e30 rounds to -0
    [InlineData("exp(lambda * 1e300)", true)]   // 1e-6 * 1e300 = 1e294 is finite, its exponential is not
    [InlineData("4.467E-55 * lambda_k + pi - pi", true)] // stress seed 3OTnPgD-64n2: pi absorbs the product
    [InlineData("exp(7.089E-24 ^ e) - 1", true)]          // stress seed 7MLNuoxrEZC2: exp(1e-64) rounds to 1
    [InlineData("exp(lambda ^ i) - abs(log(e))", false)]  // i = 1: exp(1e-6) keeps it (seed 3txzbnayNjh2 fails at i = 9)
    [InlineData("pow(1 + lambda, 1e-12)", true)]          // (1 + 1e-6) ^ 1e-12 rounds to 1
    [InlineData("pow(1, lambda) + exp(0)", false)]        // 1 ^ x and e ^ 0 are 1 over the reals too
    [InlineData("pi - (pi + lambda) + 1", false)]          // 1e-6 survives the sum
    [InlineData("lambda ^ 2 + i / k", false)]
    [InlineData("log(lambda - lambda) + 0 * i", false)] // an exact 0 and log(0) are real-valued facts, not rounding
    public void Points_where_doubles_depart_from_the_reals_are_recognised(string text, bool expected)
    {
        Assert.Equal(expected, DoublesDepartFromReals(ParseValid(text), Point));
    }
}
