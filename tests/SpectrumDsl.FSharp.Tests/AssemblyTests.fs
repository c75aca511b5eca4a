/// The C# assemblies stay free of FSharp.Core: only the F# layer depends on it.
module SpectrumDsl.FSharp.Tests.AssemblyTests

open SpectrumDsl
open Xunit

[<Fact>]
let ``No C# assembly references FSharp.Core`` () =
    let csharp =
        [ typeof<SpectrumSpec>.Assembly
          typeof<SpectrumDsl.Expressions.ExpressionDiagnostic>.Assembly
          typeof<SpectrumDsl.Examples.Spectra.FlatTop9>.Assembly ]
    for assembly in csharp do
        let references = assembly.GetReferencedAssemblies() |> Array.map (fun name -> string name.Name)
        Assert.DoesNotContain("FSharp.Core", references)
    Assert.Contains("FSharp.Core", typeof<SpectrumDsl.FSharp.SpectrumBuilder>.Assembly.GetReferencedAssemblies() |> Array.map (fun name -> string name.Name))
