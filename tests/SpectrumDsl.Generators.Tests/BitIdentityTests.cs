using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// docs/design.md#expressions: the same text parsed at run time gives bit-identical values to the generated code.
/// Every snapshot scenario is compiled, loaded and its generated <c>Target</c> compared with
/// <see cref="SpectrumTarget.Parse"/> (or, for a <c>[SpectrumTarget]</c> method, with the method).
/// </summary>
public class BitIdentityTests
{
    private static readonly double[] Lambdas =
        [0.0, -0.0, 5e-324, 1e-300, 1e-12, 0.001, 0.3, 1.0, 2.5, Math.PI, 7.25, 64, 1e10, 1e300, -0.5, -3, double.PositiveInfinity, double.NaN];

    private static readonly int[] Indices = [1, 2, 3, 4, 7, 8, 9, 16, 63, 64, 65, 1000, 0, -1];

    private static readonly TargetContext[] Contexts =
    [
        new(Lambda1: 2.5, LambdaK: 0.125, Rank: 8, SampleCount: 100),
        new(Lambda1: 1.0, LambdaK: 1.0, Rank: 1, SampleCount: 1),
        new(Lambda1: 1e-3, LambdaK: 1e-9, Rank: 64, SampleCount: 4000),
        new(Lambda1: 0.7071067811865476, LambdaK: 0.0, Rank: 3, SampleCount: 17),
    ];

    public static TheoryData<string, string> Cases => SnapshotTests.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_target_matches_the_runtime_parse_bit_for_bit(string scenario, string source)
    {
        var run = GeneratorHarness.Generate(source);
        Assert.Empty(run.GeneratorDiagnostics);
        var context = new AssemblyLoadContext($"BitIdentity.{scenario}", isCollectible: true);
        try
        {
            var assembly = Load(run.Output, context);
            var types = assembly.GetTypes().Where(type => type.GetCustomAttribute<ModifiedSpectrumAttribute>() is not null).ToList();
            Assert.NotEmpty(types);
            var compared = 0;
            foreach (var declared in types)
            {
                var type = declared.IsGenericTypeDefinition
                    ? declared.MakeGenericType(declared.GetGenericArguments().Select(_ => typeof(object)).ToArray())
                    : declared;
                var generated = Function(type.GetMethod("Target", BindingFlags.Public | BindingFlags.Static, [typeof(double), typeof(int), typeof(TargetContext)])
                    ?? throw new InvalidOperationException($"{type} has no generated Target method."));
                var text = type.GetCustomAttribute<ModifiedSpectrumAttribute>()!.Target;
                var reference = text is not null
                    ? SpectrumTarget.Parse(text).Evaluate
                    : Function(type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                        .Single(method => method.GetCustomAttribute<SpectrumTargetAttribute>() is not null));
                foreach (var targetContext in Contexts)
                {
                    foreach (var lambda in Lambdas)
                    {
                        foreach (var i in Indices)
                        {
                            var expected = reference(lambda, i, targetContext);
                            var actual = generated(lambda, i, targetContext);
                            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                            {
                                Assert.Fail($"{scenario}: '{text}' at lambda = {lambda:R}, i = {i}, {targetContext}: generated {actual:R} " +
                                            $"(0x{BitConverter.DoubleToInt64Bits(actual):X16}), runtime {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):X16})");
                            }
                            compared++;
                        }
                    }
                }
            }
            Assert.Equal(types.Count * Contexts.Length * Lambdas.Length * Indices.Length, compared);
        }
        finally
        {
            context.Unload();
        }
    }

    private static Assembly Load(Compilation compilation, AssemblyLoadContext context)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return context.LoadFromStream(stream);
    }

    private static Func<double, int, TargetContext, double> Function(MethodInfo method) =>
        method.CreateDelegate<Func<double, int, TargetContext, double>>();
}
