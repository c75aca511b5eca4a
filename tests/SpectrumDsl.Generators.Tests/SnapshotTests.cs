using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;

namespace SpectrumDsl.Generators.Tests;

[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public class SnapshotTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "FlatTop", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda_k", Rank = 64)]
            [ReluNtk(Depth = 1, BiasScale = 1.0)]
            [WideNetworkTrainer(Width = 4096, Steps = 2000, Seed = 1)]
            public static partial class FlatTop64 { }
            """ },
        { "ErfFlatTop", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda_k", Rank = 7)]
            [ErfNtk(Depth = 2, BiasScale = 1.0)]
            [WideNetworkTrainer(Width = 2048, Seed = 3)]
            public static partial class ErfFlatTop7 { }
            """ },
        { "PowerLaw", """
            using SpectrumDsl;
            namespace Demo.Targets;
            [ModifiedSpectrum("lambda_1 * i^-2", Rank = 16)]
            [GaussianKernel(0.5)]
            internal static partial class PowerLaw { }
            """ },
        { "Conditional", """
            using SpectrumDsl;
            [ModifiedSpectrum("i <= 8 ? lambda_k : λ", Rank = 8)]
            [LaplaceKernel(2)]
            public static partial class Piecewise { }
            """ },
        { "Nested", """
            using SpectrumDsl;
            namespace Demo;
            public partial class Outer<T>
            {
                [ModifiedSpectrum("lambda_1 * exp(-0.5 * (i - 1))", Rank = 4)]
                [ReluNtk(Depth = 3)]
                [WideNetworkTrainer(Width = 256, Steps = 10, LearningRate = 0.125, Optimizer = Optimizer.GradientDescent, Tolerance = 1e-9)]
                public static partial class Decay { }
            }
            """ },
        { "MethodTarget", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum(Rank = 2)]
            [ReluNtk]
            public static partial class Custom
            {
                [SpectrumTarget]
                private static double Flat(double lambda, int i, TargetContext context) => context.LambdaK;
            }
            """ },
        { "Functions", """
            using SpectrumDsl;
            namespace Demo.Functions;
            [ModifiedSpectrum("sqrt(lambda) * log(1 + lambda_1) + pow(lambda, 1.5) / abs(min(lambda_k, max(lambda, 2.5e-3)))", Rank = 12)]
            [GaussianKernel(1.25)]
            public static partial class Functions { }
            """ },
        { "ConstantsGlobalTrainer", """
            using SpectrumDsl;
            [ModifiedSpectrum("pi * e^-1 * lambda + 1E3 * k / n - 6.02e+23 * 0 + 1e-300", Rank = 5)]
            [ReluNtk(Depth = 2, BiasScale = 0.5)]
            [WideNetworkTrainer(Width = 512, Steps = 50, Seed = 7)]
            public static partial class GlobalTrained { }
            """ },
        { "TrainerDefaults", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda_k", Rank = 3)]
            [ReluNtk]
            [WideNetworkTrainer]
            public static partial class Defaults { }
            """ },
        { "NamedBandwidth", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda^0.5", Rank = 6)]
            [GaussianKernel(Bandwidth = 0.75)]
            public static partial class NamedGaussian { }
            """ },
        { "TrainerEverySetting", """
            using SpectrumDsl;
            using SpectrumDsl.Training;
            namespace Demo;
            [ModifiedSpectrum("lambda_k", Rank = 9)]
            [ReluNtk(Depth = 2, BiasScale = 0.5)]
            [WideNetworkTrainer(Width = 2048, Steps = 500, LearningRate = 0.25, Optimizer = Optimizer.GradientDescent,
                PreconditionerSource = PreconditionerSource.EmpiricalNtk, Tolerance = 0.01, Seed = 3,
                RecordInterval = 5, BatchSize = 32, AllowUnstableLearningRate = true)]
            public static partial class EverySetting { }
            """ },
        { "Comparisons", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("i < 2 ? lambda_1 : i > k ? lambda : i >= n ? 0.5 * lambda : i == 3 ? lambda_k : i != 4 ? -lambda_k : 2 * lambda", Rank = 6)]
            [LaplaceKernel(0.75)]
            internal static partial class Comparisons { }
            """ },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source(string scenario, string source)
    {
        var run = GeneratorHarness.Generate(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("", string.Join("\n", run.CompilerErrors.Select(diagnostic => diagnostic.ToString())));
        using (ApprovalResults.ForScenario(scenario))
        {
            Approvals.VerifyWithExtension(run.Source(), ".cs");
        }
    }
}
