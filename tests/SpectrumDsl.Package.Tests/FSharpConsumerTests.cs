using System.Globalization;
using System.Text.RegularExpressions;

namespace SpectrumDsl.Package.Tests;

/// <summary>
/// The SpectrumDsl.FSharp package, consumed the way an F# user would: a fresh F# console project
/// references only SpectrumDsl.FSharp from the local feed (SpectrumDsl and its expression language must
/// come with it), compiles the package README's F# code and a program whose numbers must equal the same
/// computation done here, and runs both.
/// </summary>
public partial class FSharpConsumerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Program = """
        open System.Globalization
        open MathNet.Numerics.LinearAlgebra
        open SpectrumDsl
        open SpectrumDsl.FSharp

        if isNull Readme.completed then failwith "the README's code did not run"

        let x = Matrix<float>.Build.DenseOfRowArrays(POINTS)
        let flat = spectrum { reluNtk 1 1.0; target "lambda_k"; rank 3 }
        let msk = flat |> Spectrum.build x
        let gram = msk.TrainingGram()
        let fresh = msk.Evaluate(Vector<float>.Build.DenseOfArray [| 0.0; 0.8; 0.6 |], x.Row 0)
        let g = flat.Target |> Spectrum.evaluate 0.5 2 (TargetContext(2, 0.25, 3, 7))
        let trained = trainer { spectrumOf flat; width 64; steps 5; seed 1 } |> Trainer.run (x, x.Column 0)
        let show (values: float list) = values |> List.map (fun v -> v.ToString("R", CultureInfo.InvariantCulture)) |> String.concat " "
        printfn "VALUES %s" (show [ gram[0, 1]; gram[3, 5]; fresh; g; trained.FinalResidual.L2Norm(); float trained.StepsTaken ])

        // The expression language's diagnostics: SpectrumDsl.Expressions.dll comes in the SpectrumDsl package.
        match Spectrum.tryTarget "lambda + lamda" with
        | Error diagnostics -> printfn "DIAGNOSTICS %s" (diagnostics |> List.map (fun d -> d.Id) |> String.concat " ")
        | Ok _ -> printfn "DIAGNOSTICS none"
        """;

    [Fact]
    public void Packed_FSharp_package_builds_and_runs_its_README_in_a_fresh_FSharp_project()
    {
        using var consumer = new ConsumerProject(output);
        consumer.Write("Consumer.fsproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="Readme.fs" />
                <Compile Include="Program.fs" />
              </ItemGroup>
              <ItemGroup>
                <PackageReference Include="SpectrumDsl.FSharp" Version="{LocalFeed.Version}" />
              </ItemGroup>
            </Project>
            """);
        // The README's code as a module; reading its last value (a new object, so never inlined) runs its
        // top-level code, which F# otherwise runs only for the last file of an executable.
        consumer.Write("Readme.fs", "module Readme\n\n" + ReadmeCode() + "\nlet completed = obj ()\n");
        consumer.Write("Program.fs", Program.Replace("POINTS", ReferenceComputation.Literal(fsharp: true), StringComparison.Ordinal));

        var stdout = consumer.Run();
        ReferenceComputation.AssertPrinted(ConsumerProject.Values(stdout, "VALUES"));
        Assert.Equal("SPD002", ConsumerProject.Line(stdout, "DIAGNOSTICS"));

        // The README's own lines: PGD needs fewer steps than GD on cos(3 theta) (in the top 7 it flattens),
        // the classes are separated on the training set, and the run resumed from the checkpoint at step 100.
        var steps = Steps().Match(stdout);
        Assert.True(steps.Success, stdout);
        Assert.True(int.Parse(steps.Groups[2].Value, CultureInfo.InvariantCulture) < int.Parse(steps.Groups[1].Value, CultureInfo.InvariantCulture), steps.Value);
        Assert.Equal("1.00", ConsumerProject.Line(stdout, "train accuracy"));
        Assert.Matches(Resumed(), stdout);

        Assert.True(consumer.Restored("SpectrumDsl.FSharp") && consumer.Restored("SpectrumDsl"), "both packages restored into the isolated NUGET_PACKAGES");
    }

    /// <summary>The package README's F# code block (tests/../src/SpectrumDsl.FSharp/README.md, as packed).</summary>
    private static string ReadmeCode()
    {
        var blocks = FSharpBlock().Matches(LocalFeed.Text("SpectrumDsl.FSharp", "README.md").Replace("\r", "", StringComparison.Ordinal));
        Assert.True(blocks.Count == 1, $"the F# package README should have one F# code block but has {blocks.Count}");
        return blocks[0].Groups[1].Value;
    }

    [GeneratedRegex(@"```fsharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FSharpBlock();

    [GeneratedRegex(@"^120 steps, then resumed from step 100 to \d+\r?$", RegexOptions.Multiline)]
    private static partial Regex Resumed();

    [GeneratedRegex(@"GD (\d+) steps, PGD (\d+) steps")]
    private static partial Regex Steps();
}
