/// Targets given as F# functions work end to end.
module SpectrumDsl.FSharp.Tests.FunctionTargetTests

open MathNet.Numerics.LinearAlgebra
open SpectrumDsl
open SpectrumDsl.Data
open SpectrumDsl.FSharp
open SpectrumDsl.FSharp.Tests.Grids
open Xunit

let x = Sphere.Sample(60, 2, 11)

let withFunction =
    spectrum {
        reluNtk 1 1.0
        target (fun lambda i (context: TargetContext) -> if i <= 3 then context.LambdaK else lambda)
        rank 5
    }

[<Fact>]
let ``An F# function target has the values of the same expression`` () =
    let text = Spectrum.target "i <= 3 ? lambda_k : lambda"
    for lambda, i, context in grid do
        assertSameBits (text.Evaluate(lambda, i, context)) (withFunction.Target.Evaluate(lambda, i, context)) "function"

[<Fact>]
let ``MSK training Gram equals K S with an F# function target`` () =
    let msk = withFunction |> Spectrum.build x
    let s = withFunction |> Spectrum.preconditioner x
    let expected = (withFunction.Kernel |> Kernel.gram x) * s.Dense()
    Assert.True(relativeError (msk.TrainingGram()) expected < 1e-10)
    // The modified kernel differs from the base kernel (the target does change the top eigenvalues).
    Assert.True(relativeError (msk.TrainingGram()) (withFunction.Kernel.Gram x) > 1e-3)

[<Fact>]
let ``Spectrum.ofFunction keeps its description and evaluates the function`` () =
    let target = Spectrum.ofFunction "half" (fun lambda _ _ -> 0.5 * lambda)
    Assert.Equal("half", target.Description)
    Assert.Equal(1.5, target |> Spectrum.evaluate 3.0 1 (TargetContext(1.0, 1.0, 1, 1)))
