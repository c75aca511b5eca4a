using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;

namespace SpectrumDsl.Generators.Tests;

/// <summary>
/// The source generated for a class with an SPD error: the members a successful generation declares,
/// each throwing an exception that names the error, so the SPD error is the build's only error.
/// </summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public class StubSnapshotTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // An expression error: the four members of a class without [WideNetworkTrainer].
        { "ExpressionError", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda + lamda", Rank = 4)]
            [ReluNtk]
            public static partial class Misspelt { }
            """ },
        // SPD024: the trainer's two members too, since the class declares [WideNetworkTrainer].
        { "TrainerOnGaussian", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum("lambda_k")]
            [GaussianKernel(1.0)]
            [WideNetworkTrainer(Width = 64)]
            public static partial class Smooth { }
            """ },
        // Two errors: the first is named, the other counted; nested in a generic type, global namespace.
        { "SeveralErrorsNested", """
            using SpectrumDsl;
            public partial class Outer<T>
            {
                [ModifiedSpectrum("lambda_k")]
                [ReluNtk]
                [WideNetworkTrainer(Width = 0, Steps = -3)]
                internal static partial class Sized { }
            }
            """ },
        // SPD032 on a method named Target: the class declares Target itself, so the stub leaves it out.
        { "TargetDeclaredByTheClass", """
            using SpectrumDsl;
            namespace Demo;
            [ModifiedSpectrum(Rank = 2)]
            [ReluNtk]
            public static partial class Custom
            {
                [SpectrumTarget]
                public static double Target(double lambda, int i, TargetContext context) => lambda;
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stub_source(string scenario, string source)
    {
        var run = GeneratorHarness.Generate(source);
        Assert.NotEmpty(run.GeneratorDiagnostics);
        Assert.Equal((0, 1), (run.Specs, run.Stubs));
        Assert.Equal("", string.Join("\n", run.CompilerErrors.Select(diagnostic => diagnostic.ToString())));
        using (ApprovalResults.ForScenario(scenario))
        {
            Approvals.VerifyWithExtension(run.Source(), ".cs");
        }
    }
}
