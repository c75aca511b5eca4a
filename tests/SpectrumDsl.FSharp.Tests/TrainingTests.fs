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
