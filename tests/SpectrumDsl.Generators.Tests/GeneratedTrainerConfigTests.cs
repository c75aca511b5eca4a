using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using SpectrumDsl.Training;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// The emitted <c>TrainerConfig</c> sets only what the user wrote (plus the network architecture, rank and
/// target); everything else keeps the runtime record's defaults, and the result validates.
/// </summary>
public class GeneratedTrainerConfigTests
{
    private static TrainerConfig Generated(string attributes)
    {
        var source = $$"""
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda_1 * i^-1", Rank = 5)]
            [ReluNtk(Depth = 2, BiasScale = 0.25)]
            {{attributes}}
            public static partial class C { }
            """;
        var run = GeneratorHarness.Generate(source);
        Assert.Empty(run.GeneratorDiagnostics);
        using var stream = new MemoryStream();
        var emitted = run.Output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("TrainerConfig", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(stream).GetType("Demo.C", throwOnError: true)!;
            return (TrainerConfig)type.GetProperty("TrainerConfig", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Unset_properties_keep_the_record_defaults()
    {
        var config = Generated("[WideNetworkTrainer]");
        var defaults = new TrainerConfig();
        Assert.Equal(defaults with { Architecture = Kernels.NetworkArchitecture.Relu(2, 0.25), Rank = 5, Target = config.Target }, config);
        Assert.Equal("lambda_1 * i^-1", config.Target.Description);
        config.Validate();
    }

    [Fact]
    public void Set_properties_are_copied()
    {
        var config = Generated("[WideNetworkTrainer(Width = 64, Steps = 30, LearningRate = 0.5, Optimizer = Optimizer.GradientDescent, Tolerance = 0.01, Seed = 9)]");
        var expected = new TrainerConfig
        {
            Width = 64, Architecture = Kernels.NetworkArchitecture.Relu(2, 0.25), Steps = 30, LearningRate = 0.5, Optimizer = Optimizer.GradientDescent,
            Rank = 5, Target = config.Target, Tolerance = 0.01, Seed = 9,
        };
        Assert.Equal(expected, config);
        config.Validate();
    }
}
