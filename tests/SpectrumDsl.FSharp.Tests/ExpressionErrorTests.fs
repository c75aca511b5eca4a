/// Invalid target text gives the generator's diagnostics: SpectrumExpressionError from
/// Spectrum.target and the computation expressions, Error from Spectrum.tryTarget.
module SpectrumDsl.FSharp.Tests.ExpressionErrorTests

open System
open SpectrumDsl.Expressions
open SpectrumDsl.FSharp
open Xunit

let diagnosticsOf (f: unit -> 'a) =
    try
        f () |> ignore
        failwith "expected SpectrumExpressionError"
    with SpectrumExpressionError diagnostics -> diagnostics

[<Theory>]
[<InlineData("SPD001", "lambda +", 7, 1)>]
[<InlineData("SPD001", "(lambda", 0, 1)>]
[<InlineData("SPD002", "lambda + lamda", 9, 5)>]
[<InlineData("SPD002", "lambda_1 * x", 11, 1)>]
[<InlineData("SPD003", "ln(lambda)", 0, 2)>]
[<InlineData("SPD004", "1 + pow(lambda)", 4, 11)>]
[<InlineData("SPD005", "i < 2", 0, 5)>]
[<InlineData("SPD006", "lambda + log(0)", 9, 6)>]
[<InlineData("SPD008", "   ", 0, 3)>]
let ``Bad text raises SpectrumExpressionError with the id, span and message of the generator`` (id: string, text: string, start: int, length: int) =
    // The generator compiles in the same parser and checker: its diagnostics for this text are these.
    let expected = SpectrumExpression.Parse(text).Diagnostics |> List.ofSeq
    for diagnostics in
        [ diagnosticsOf (fun () -> Spectrum.target text)
          diagnosticsOf (fun () -> spectrum { reluNtk 1 1.0; target text; rank 3 })
          diagnosticsOf (fun () -> trainer { target text }) ] do
        Assert.Equal<ExpressionDiagnostic list>(expected, diagnostics)
        let first = List.head diagnostics
        Assert.Equal(id, first.Id)
        Assert.Equal(start, first.Start)
        Assert.Equal(length, first.Length)
    match Spectrum.tryTarget text with
    | Error diagnostics -> Assert.Equal<ExpressionDiagnostic list>(expected, diagnostics)
    | Ok _ -> failwith "expected Error"

[<Fact>]
let ``The message names the unknown variable and every problem is listed`` () =
    let error = Assert.ThrowsAny<exn>(fun () -> Spectrum.target "lamda + foo(1) + exp(1, 2)" |> ignore)
    Assert.Contains("SPD002 at 0+5", error.Message)
    Assert.Contains("lamda", error.Message)
    match error with
    | SpectrumExpressionError diagnostics -> Assert.Equal<string list>([ "SPD002"; "SPD003"; "SPD004" ], diagnostics |> List.map _.Id)
    | _ -> failwith "expected SpectrumExpressionError"

[<Fact>]
let ``Valid text is Ok and keeps its text as description`` () =
    match Spectrum.tryTarget "λ^0.5" with
    | Ok target -> Assert.Equal("λ^0.5", target.Description)
    | Error diagnostics -> failwithf "%A" diagnostics

[<Fact>]
let ``Missing kernel or rank and invalid settings raise ArgumentException naming them`` () =
    let noKernel = Assert.Throws<ArgumentException>(fun () -> spectrum { rank 3 } |> ignore)
    Assert.Equal("kernel", noKernel.ParamName)
    let noRank = Assert.Throws<ArgumentException>(fun () -> spectrum { gaussian 1.0 } |> ignore)
    Assert.Equal("rank", noRank.ParamName)
    let badWidth = Assert.ThrowsAny<ArgumentException>(fun () -> trainer { width 0 } |> ignore)
    Assert.Equal("Width", badWidth.ParamName)
    let badTolerance = Assert.ThrowsAny<ArgumentException>(fun () -> trainer { tolerance 1.0 } |> ignore)
    Assert.Equal("Tolerance", badTolerance.ParamName)
