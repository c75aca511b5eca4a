// F# quickstart: the same spectrum declared with C# attributes (examples/Spectra) and with the
// `spectrum { ... }` computation expression; a wide ReLU network trained by plain and by
// preconditioned gradient descent on cos(3 theta) on the circle, steps to 5 % residual printed.
//
//   dotnet run -c Release --project examples/FSharpQuickstart -- [--samples N] [--width M] [--steps T] [--seed S]

open System
open System.Diagnostics
open SpectrumDsl
open SpectrumDsl.Data
open SpectrumDsl.FSharp
open SpectrumDsl.Examples.Spectra

let options =
    let args = Environment.GetCommandLineArgs() |> Array.skip 1
    let value name fallback =
        match Array.tryFindIndex ((=) name) args with
        | Some i when i + 1 < args.Length -> int args[i + 1]
        | Some _ -> failwithf "%s needs a value" name
        | None -> fallback
    {| Samples = value "--samples" 64; Width = value "--width" 2048; Steps = value "--steps" 4000; Seed = value "--seed" 1 |}

let clock = Stopwatch.StartNew()
let degree = 3
let x = Sphere.Sample(options.Samples, 2, options.Seed)               // points on the circle
let y = Sphere.ZonalHarmonic(x, degree, Sphere.NorthPole 2)           // cos(3 theta)

// (a) Declared with attributes in C#: [ModifiedSpectrum("lambda_k", Rank = 9)] [ReluNtk(...)] ...
let fromAttributes = FlatTop9.TrainerConfig

// (b) Declared in F#: the same spectrum and training settings.
let flatTop9 =
    spectrum {
        reluNtk 1 1.0
        target "lambda_k"              // flatten the top k = 9 (degrees <= 4 on the circle) to lambda_9
        rank 9
    }

let pgd =
    trainer {
        spectrumOf flatTop9            // rank, target, depth and bias from the spectrum
        width options.Width
        steps options.Steps
        tolerance 0.05
        seed 1
    }

let gd = pgd |> Trainer.withOptimizer Optimizer.GradientDescent

let report name (result: SpectrumDsl.Training.TrainingResult) =
    let steps = if result.Converged then string result.StepsTaken else sprintf "> %d (not converged)" result.StepsTaken
    printfn "%-28s steps to 5%% residual: %s (step size %.4g)" name steps result.StepSize
    result

printfn "cos(%d theta) on the circle: n = %d, width %d, ReLU NTK depth 1 bias 1, k = %d, target %s"
    degree options.Samples options.Width flatTop9.Rank flatTop9.Target.Description

let data = (x, y)
let gdResult = gd |> Trainer.run data |> report "GD  (trainer { })"
let pgdResult = pgd |> Trainer.run data |> report "PGD (trainer { })"
let attrResult =
    trainer { basedOn fromAttributes; width options.Width; steps options.Steps }
    |> Trainer.run data
    |> report "PGD (FlatTop9 attributes)"

if gdResult.Converged && pgdResult.Converged then
    printfn "PGD needs %.1fx fewer steps than GD" (float gdResult.StepsTaken / float pgdResult.StepsTaken)
printfn "attributes and computation expression agree: %b" (attrResult.StepsTaken = pgdResult.StepsTaken)
printfn "elapsed %.1f s" clock.Elapsed.TotalSeconds
