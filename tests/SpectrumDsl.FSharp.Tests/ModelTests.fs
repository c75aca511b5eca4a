/// Model.save / Model.load keep a trained network, its preprocessor and target scaler; the loaded model predicts the same bits.
module SpectrumDsl.FSharp.Tests.ModelTests

open System
open System.IO
open MathNet.Numerics.LinearAlgebra
open SpectrumDsl.Data
open SpectrumDsl.FSharp
open Xunit

let private config =
    trainer {
        spectrumOf (spectrum { reluNtk 1 1.0; target "lambda_k"; rank 5 })
        width 128
        steps 30
        tolerance 1e-9
        seed 4
    }

let private bits (values: float seq) = values |> Seq.map BitConverter.DoubleToInt64Bits |> List.ofSeq

let private withFile (name: string) (test: string -> unit) =
    let folder = Path.Combine(Path.GetTempPath(), "spectrumdsl-fsharp-model-" + Guid.NewGuid().ToString "N")
    Directory.CreateDirectory folder |> ignore
    try test (Path.Combine(folder, name)) finally Directory.Delete(folder, true)

// Raw points in R^3 of different scales, and targets around 50 with spread 10.
let private raw (count: int) (seed: int) =
    let random = Random seed
    Matrix<float>.Build.Dense(count, 3, fun _ j -> (2.0 * random.NextDouble() - 1.0) * [| 1.0; 30.0; 0.1 |].[j])

let private target (x: Matrix<float>) = Vector<float>.Build.Dense(x.RowCount, fun i -> 50.0 + 10.0 * sin (x.[i, 0] + x.[i, 1] / 30.0))

[<Fact>]
let ``Model.saveWith and Model.load keep the preprocessor and the target scaler and predict the same bits`` () =
    let x, testX = raw 40 1, raw 10 2
    let y = target x
    let preprocessor = Preprocessor.Fit x
    let scaler = TargetScaler.Fit y
    let result = config |> Trainer.run (preprocessor.Apply x, scaler.Apply y)
    withFile "fsharp.model" (fun path ->
        result |> Model.saveWith (Some preprocessor) (Some scaler) path
        let model = Model.load path
        let expected = scaler.Inverse(result.Predict(preprocessor.Apply testX))
        Assert.Equal<int64 list>(bits expected, model |> Model.predict testX |> bits)
        Assert.Equal<int64 list>(bits expected, (model |> Model.predictOutputs testX).Column 0 |> bits))

[<Fact>]
let ``Model.save keeps a classifier whose classes are the argmax`` () =
    let x = Sphere.Sample(32, 2, 5)
    let labels = [ for i in 0 .. x.RowCount - 1 -> if x.[i, 0] >= 0.0 then 1 else 0 ]
    let result = config |> Trainer.classify (x, labels)
    withFile "classes.model" (fun path ->
        result |> Model.save path
        let testX = Sphere.Sample(16, 2, 6)
        Assert.Equal<int list>(result.PredictOutputs testX |> Classify.predict, Model.load path |> Model.predictClasses testX))

[<Fact>]
let ``Model.load refuses a file that is not a model, naming it`` () =
    withFile "notes.txt" (fun path ->
        File.WriteAllText(path, "not a model")
        let error = Assert.Throws<SpectrumDsl.Persistence.ModelFileException>(fun () -> Model.load path |> ignore)
        Assert.Contains(path, error.Message))
