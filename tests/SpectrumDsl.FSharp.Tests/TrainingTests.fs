/// Short training runs through Trainer.run converge, and PGD beats GD on a high frequency.
module SpectrumDsl.FSharp.Tests.TrainingTests

open SpectrumDsl
open SpectrumDsl.Data
open SpectrumDsl.FSharp
open Xunit

let x = Sphere.Sample(32, 2, 5)
let y = Sphere.ZonalHarmonic(x, 3, Sphere.NorthPole 2)

let pgd =
    trainer {
        spectrumOf (spectrum { reluNtk 1 1.0; target "lambda_k"; rank 7 })
        width 512
        steps 3000
        tolerance 0.05
        seed 2
    }

[<Fact>]
let ``GD and PGD through Trainer.run converge and PGD takes fewer steps`` () =
    let pgdResult = pgd |> Trainer.run (x, y)
    let gdResult = pgd |> Trainer.withOptimizer Optimizer.GradientDescent |> Trainer.run (x, y)
    Assert.True(pgdResult.Converged, sprintf "PGD did not converge in %d steps" pgdResult.StepsTaken)
    Assert.True(gdResult.Converged, sprintf "GD did not converge in %d steps" gdResult.StepsTaken)
    Assert.True(pgdResult.StepsTaken * 10 < gdResult.StepsTaken, sprintf "PGD %d vs GD %d steps" pgdResult.StepsTaken gdResult.StepsTaken)

[<Fact>]
let ``runWithTest records the test loss and an F# function target trains`` () =
    let testX = Sphere.Sample(16, 2, 6)
    let testY = Sphere.ZonalHarmonic(testX, 3, Sphere.NorthPole 2)
    let config = trainer { basedOn pgd; target (fun _ _ (context: TargetContext) -> context.LambdaK) }
    let result = config |> Trainer.runWithTest (x, y) (testX, testY)
    Assert.True(result.Converged)
    Assert.All(result.Records, fun record -> Assert.True(record.TestLoss.HasValue))

[<Fact>]
let ``matrix labels train every output, and classification reports accuracy through the F# helpers`` () =
    // Two outputs: cos(theta) and cos(2 theta), both inside the top 7.
    let y2 = MathNet.Numerics.LinearAlgebra.Matrix<float>.Build.DenseOfColumnVectors(Sphere.ZonalHarmonic(x, 1, Sphere.NorthPole 2), Sphere.ZonalHarmonic(x, 2, Sphere.NorthPole 2))
    let outputs = pgd |> Trainer.runOutputs (x, y2)
    Assert.True(outputs.Converged)
    Assert.Equal(2, outputs.FinalResidualMatrix.ColumnCount)

    // Classes by the sign of cos(theta): a smooth boundary the network separates perfectly on the training set.
    let labels = [ for i in 0 .. x.RowCount - 1 -> if x.[i, 0] >= 0.0 then 1 else 0 ]
    let testX = Sphere.Sample(64, 2, 7)
    let testLabels = [ for i in 0 .. testX.RowCount - 1 -> if testX.[i, 0] >= 0.0 then 1 else 0 ]
    let result = trainer { basedOn pgd; stopAtTrainAccuracy 1.0 } |> Trainer.classifyWithTest (x, labels) (testX, testLabels)
    Assert.Equal(SpectrumDsl.Training.StopReason.TrainAccuracy, result.StopReason)
    let train, test = nonNull result.TrainClassification, nonNull result.TestClassification
    Assert.Equal(1.0, train.Accuracy)
    let predicted = result.PredictOutputs testX |> Classify.predict
    Assert.Equal(test.Accuracy, Classify.accuracy testLabels predicted)
    // Away from the boundary every test point is right; on 64 points at most a few near it may not be.
    Assert.True(test.Accuracy >= 0.9, sprintf "test accuracy %f" test.Accuracy)
    Assert.Equal<int>([ 1; 0; 0 ], Classify.oneHot 3 [ 0 ] |> fun m -> [ for j in 0 .. 2 -> if m.[0, j] > 0.0 then 1 else 0 ])
