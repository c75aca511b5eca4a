/// Checkpoints, cancellation and resuming (RunOptions) and classification without test data through the
/// F# layer: a resumed run equals an uninterrupted one bit for bit, as the runtime promises for C#.
module SpectrumDsl.FSharp.Tests.RunOptionsTests

open System
open System.IO
open System.Threading
open MathNet.Numerics.LinearAlgebra
open SpectrumDsl
open SpectrumDsl.Data
open SpectrumDsl.FSharp
open SpectrumDsl.FSharp.Tests.Grids
open SpectrumDsl.Training
open SpectrumDsl.Training.Checkpoints
open Xunit

let x = Sphere.Sample(32, 2, 11)
let y = Sphere.ZonalHarmonic(x, 2, Sphere.NorthPole 2)
let testX = Sphere.Sample(12, 2, 12)
let testY = Sphere.ZonalHarmonic(testX, 2, Sphere.NorthPole 2)

/// Two outputs, cos(theta) and cos(2 theta).
let outputs (points: Matrix<float>) =
    Matrix<float>.Build.DenseOfColumnVectors(Sphere.ZonalHarmonic(points, 1, Sphere.NorthPole 2), Sphere.ZonalHarmonic(points, 2, Sphere.NorthPole 2))

/// Three classes by the angle of the point (thirds of the circle).
let classes (points: Matrix<float>) =
    [ for i in 0 .. points.RowCount - 1 -> int (floor ((atan2 points[i, 1] points[i, 0] + Math.PI) / (2.0 * Math.PI / 3.0))) % 3 ]

// Tolerance 1e-9: every run uses its whole step budget, so the part after the checkpoint is 100 steps
// long and a state lost or changed by saving would show in the parameters.
let gd = trainer { width 128; rank 5; steps 150; seed 4; recordInterval 7; tolerance 1e-9; optimizer Optimizer.GradientDescent }

/// Runs <paramref name="f"/> with a fresh temporary directory, deleted afterwards.
let withTempDirectory (f: string -> unit) =
    let directory = Path.Combine(Path.GetTempPath(), "spectrumdsl-fsharp-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory directory |> ignore
    try
        f directory
    finally
        Directory.Delete(directory, true)

/// The same steps, step size, records and final parameters and residuals, bit for bit.
let assertIdentical (expected: TrainingResult) (actual: TrainingResult) =
    Assert.Equal(expected.StepsTaken, actual.StepsTaken)
    assertSameBits expected.StepSize actual.StepSize "step size"
    Assert.Equal(expected.Records.Count, actual.Records.Count)
    for a, b in Seq.zip expected.Records actual.Records do
        Assert.Equal(a.Step, b.Step)
        assertSameBits a.TrainLoss b.TrainLoss (sprintf "train loss at step %d" a.Step)
    Array.iteri2 (fun i e a -> assertSameBits e a (sprintf "parameter %d" i)) (expected.Network.CopyParameters()) (actual.Network.CopyParameters())
    assertSameMatrix expected.FinalResidualMatrix actual.FinalResidualMatrix

let saving path interval = { RunOptions.Default with Checkpoint = Some(CheckpointOptions(path, interval)) }
let resuming path = { RunOptions.Default with ResumeFrom = Some path }

[<Fact>]
let ``a run checkpointed through runWith resumes bit-identically with a larger step budget`` () =
    withTempDirectory (fun directory ->
        let path = Path.Combine(directory, "run.ckpt")
        let uninterrupted = gd |> Trainer.runWith RunOptions.Default (x, y) (Some(testX, testY))
        let short = trainer { basedOn gd; steps 60 } |> Trainer.runWith (saving path 25) (x, y) (Some(testX, testY))
        Assert.Equal(60, short.StepsTaken)
        Assert.True(File.Exists path, "runWith with Checkpoint should have saved one")
        let resumed = gd |> Trainer.runWith (resuming path) (x, y) (Some(testX, testY))
        Assert.Equal(Nullable 50, resumed.ResumedFromStep)
        assertIdentical uninterrupted resumed
        Assert.All(resumed.Records, fun record -> Assert.True(record.TestLoss.HasValue)))

[<Fact>]
let ``cancelling from the progress callback saves a checkpoint there and resuming finishes the run`` () =
    withTempDirectory (fun directory ->
        let path = Path.Combine(directory, "run.ckpt")
        let everyStep = trainer { basedOn gd; recordInterval 1 }
        use source = new CancellationTokenSource()
        let cancelAt40 (progress: TrainingProgress) =
            match progress.Record with
            | NonNull record when record.Step >= 40 -> source.Cancel()
            | _ -> ()
        let options = { saving path 1000 with Progress = Some cancelAt40; CancellationToken = source.Token }
        let killed = everyStep |> Trainer.runWith options (x, y) None
        Assert.True(killed.Cancelled)
        Assert.Equal(41, killed.StepsTaken)
        let resumed = everyStep |> Trainer.runWith (resuming path) (x, y) None
        Assert.Equal(Nullable 41, resumed.ResumedFromStep)
        assertIdentical (everyStep |> Trainer.run (x, y)) resumed)

[<Fact>]
let ``runOutputsWith and classifyWith checkpoint and resume bit-identically too`` () =
    withTempDirectory (fun directory ->
        let outputsPath = Path.Combine(directory, "outputs.ckpt")
        let short = trainer { basedOn gd; steps 60 }
        short |> Trainer.runOutputsWith (saving outputsPath 25) (x, outputs x) None |> ignore
        let resumed = gd |> Trainer.runOutputsWith (resuming outputsPath) (x, outputs x) None
        Assert.Equal(Nullable 50, resumed.ResumedFromStep)
        assertIdentical (gd |> Trainer.runOutputs (x, outputs x)) resumed

        let classesPath = Path.Combine(directory, "classes.ckpt")
        let test = Some(testX, classes testX)
        short |> Trainer.classifyWith (saving classesPath 25) (x, classes x) test |> ignore
        let resumed = gd |> Trainer.classifyWith (resuming classesPath) (x, classes x) test
        let uninterrupted = gd |> Trainer.classifyWithTest (x, classes x) (testX, classes testX)
        Assert.Equal(Nullable 50, resumed.ResumedFromStep)
        assertIdentical uninterrupted resumed
        Assert.Equal(3, resumed.FinalResidualMatrix.ColumnCount)
        Assert.Equal((nonNull uninterrupted.TestClassification).Accuracy, (nonNull resumed.TestClassification).Accuracy))

[<Fact>]
let ``resuming from a file that is no checkpoint raises CheckpointException naming the file`` () =
    withTempDirectory (fun directory ->
        let path = Path.Combine(directory, "missing.ckpt")
        let error = Assert.Throws<CheckpointException>(fun () -> gd |> Trainer.runWith (resuming path) (x, y) None |> ignore)
        Assert.Equal(path, error.Path)
        Assert.Contains("missing.ckpt", error.Message))

[<Fact>]
let ``classify needs no test data and equals the runtime's classification run`` () =
    let labels = classes x
    let result = gd |> Trainer.classify (x, labels)
    let train = nonNull result.TrainClassification
    Assert.Null(result.TestClassification)
    Assert.All(result.Records, fun record -> Assert.False(record.TestLoss.HasValue))
    // The accuracy reported is that of the network's own predictions on the training points.
    Assert.Equal(train.Accuracy, result.PredictOutputs x |> Classify.predict |> Classify.accuracy labels)
    Assert.True(train.Accuracy > 0.5, sprintf "train accuracy %f after 150 GD steps on three classes (chance 1/3)" train.Accuracy)
    assertIdentical (SpectrumDsl.Training.Trainer(gd).Run(x, List.toArray labels)) result
