namespace SpectrumDsl.Package.Tests;

/// <summary>
/// The SpectrumDsl package, consumed the way a C# user would, builds and runs: a fresh console project
/// references SpectrumDsl from the local feed; the generator must run and the numbers it prints must
/// equal the same computation done here.
/// </summary>
public class ConsumerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Program = """
        using System.Globalization;
        using MathNet.Numerics.LinearAlgebra;
        using SpectrumDsl;
        using SpectrumDsl.Training;

        var x = Matrix<double>.Build.DenseOfRowArrays(POINTS);
        var msk = Flat.BuildKernel(x);
        var gram = msk.TrainingGram();
        var fresh = msk.Evaluate(Vector<double>.Build.DenseOfArray([0.0, 0.8, 0.6]), x.Row(0));
        var trained = new Trainer(Flat.TrainerConfig).Run(x, x.Column(0));
        System.Console.WriteLine("VALUES " + string.Join(" ", new[] { gram[0, 1], gram[3, 5], fresh, Flat.Target(0.5, 2, new TargetContext(2, 0.25, 3, 7)), trained.FinalResidual.L2Norm(), trained.StepsTaken }
            .Select(value => value.ToString("R", CultureInfo.InvariantCulture))));

        [ModifiedSpectrum("lambda_k", Rank = 3)]
        [ReluNtk(Depth = 1, BiasScale = 1.0)]
        [WideNetworkTrainer(Width = 64, Steps = 5, Seed = 1)]
        static partial class Flat { }
        """;

    [Fact]
    public void Packed_package_builds_and_runs_in_a_fresh_console_project()
    {
        using var consumer = new ConsumerProject(output);
        consumer.Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SpectrumDsl" Version="{LocalFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("Program.cs", Program.Replace("POINTS", ReferenceComputation.Literal(fsharp: false), StringComparison.Ordinal));

        var stdout = consumer.Run();
        ReferenceComputation.AssertPrinted(ConsumerProject.Values(stdout, "VALUES"));
        Assert.True(consumer.Restored("SpectrumDsl"), "restored into the isolated NUGET_PACKAGES");
    }
}
