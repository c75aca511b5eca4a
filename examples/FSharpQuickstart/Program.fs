// F# quickstart: the same spectrum declared with C# attributes (examples/Spectra) and with the
// `spectrum { ... }` computation expression; a wide ReLU network trained by plain and by
// preconditioned gradient descent on cos(3 theta) on the circle, steps to 5 % residual printed.
//
//   dotnet run -c Release --project examples/FSharpQuickstart -- [--samples N] [--width M] [--steps T] [--seed S]
//       [--learning-rate ETA] [--on-divergence recover|throw]

open System
open System.Diagnostics
open System.Globalization
open SpectrumDsl
open SpectrumDsl.Data
open SpectrumDsl.FSharp
open SpectrumDsl.Training
open SpectrumDsl.Examples.Spectra

let usage = """Options (each takes a value):
  --samples N                    training points on the circle (>= 9; default 64)
  --width M                      hidden-layer width (>= 1; default 2048)
  --steps T                      step budget of each run (>= 1; default 4000)
  --seed S                       seed of the points (default 1)
  --learning-rate ETA            step size of every run (>= 0; 0 = automatic, the default)
  --on-divergence recover|throw  what a run does when its loss diverges (default recover)"""

/// Stops with the rule that was broken and where the options are listed, as the C# examples do.
let refuse (message: string) : 'a =
    eprintfn "error: %s" message
    eprintfn "Run with --help for the options."
    exit 1

type Options = { Samples: int; Width: int; Steps: int; Seed: int; LearningRate: float; OnDivergence: DivergencePolicy }

let options =
    let args = Environment.GetCommandLineArgs() |> Array.skip 1
    if args |> Array.exists (fun a -> a = "--help" || a = "-h") then
        printfn "F# quickstart: GD and PGD on cos(3 theta) on the circle, the spectrum declared in C# attributes and in F#.\n\n%s" usage
        exit 0
    let rec pairs acc = function
        | [] -> List.rev acc
        | (name: string) :: value :: rest when name.StartsWith "--" -> pairs ((name, value) :: acc) rest
        | [ name ] when name.StartsWith "--" -> refuse (sprintf "%s needs a value." name)
        | other :: _ -> refuse (sprintf "'%s' is not an option." other)
    let given = pairs [] (List.ofArray args)
    let known = [ "--samples"; "--width"; "--steps"; "--seed"; "--learning-rate"; "--on-divergence" ]
    for name, _ in given do
        if not (List.contains name known) then refuse (sprintf "'%s' is not an option." name)
    let text name = given |> List.tryFindBack (fun (n, _) -> n = name) |> Option.map snd
    let integer name minimum fallback =
        match text name with
        | None -> fallback
        | Some v ->
            match Int32.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) with
            | true, n when n >= minimum -> n
            | true, n -> refuse (sprintf "%s must be >= %d but was %d." name minimum n)
            | _ -> refuse (sprintf "%s takes an integer, not '%s'." name v)
    let rate =
        match text "--learning-rate" with
        | None -> 0.0
        | Some v ->
            match Double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture) with
            | true, r when r >= 0.0 && Double.IsFinite r -> r
            | _ -> refuse (sprintf "--learning-rate must be a finite number >= 0 but was '%s'." v)
    let policy =
        match text "--on-divergence" |> Option.map (fun v -> v.ToLowerInvariant()) with
        | None | Some "recover" -> DivergencePolicy.Recover
        | Some "throw" -> DivergencePolicy.Throw
        | Some v -> refuse (sprintf "--on-divergence takes recover or throw, not '%s'." v)
    // The flattened top 9 eigenvalues are eigenvalues of the n x n Gram: n >= 9.
    { Samples = integer "--samples" 9 64; Width = integer "--width" 1 2048; Steps = integer "--steps" 1 4000
      Seed = integer "--seed" Int32.MinValue 1; LearningRate = rate; OnDivergence = policy }

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
        learningRate options.LearningRate
        onDivergence options.OnDivergence
    }

let gd = pgd |> Trainer.withOptimizer Optimizer.GradientDescent

let report name (result: SpectrumDsl.Training.TrainingResult) =
    let steps = if result.Converged then string result.StepsTaken else sprintf "> %d (not converged)" result.StepsTaken
    printfn "%-28s steps to 5%% residual: %s (step size %.4g)" name steps result.StepSize
    result

printfn "cos(%d theta) on the circle: n = %d, width %d, ReLU NTK depth 1 bias 1, k = %d, target %s"
    degree options.Samples options.Width flatTop9.Rank flatTop9.Target.Description

let data = (x, y)

/// Trains one configuration; a divergence stops the program with the trainer's message and its advice in options.
let train name config =
    try
        config |> Trainer.run data |> report name
    with
    | :? TrainingDivergedException as error ->
        eprintfn "error: %s" error.Message
        if options.OnDivergence = DivergencePolicy.Throw then
            eprintfn "On this command line: --on-divergence recover, or --learning-rate %.4g." error.SuggestedLearningRate
        exit 1
    | :? ArgumentException as error when error.ParamName = "LearningRate" ->
        eprintfn "error: %s" error.Message
        eprintfn "On this command line: a smaller --learning-rate, or --learning-rate 0 for the automatic step."
        exit 1

let gdResult = gd |> train "GD  (trainer { })"
let pgdResult = pgd |> train "PGD (trainer { })"
let attrResult =
    trainer {
        basedOn fromAttributes
        width options.Width
        steps options.Steps
        learningRate options.LearningRate
        onDivergence options.OnDivergence
    }
    |> train "PGD (FlatTop9 attributes)"

if gdResult.Converged && pgdResult.Converged then
    printfn "PGD needs %.1fx fewer steps than GD" (float gdResult.StepsTaken / float pgdResult.StepsTaken)
printfn "attributes and computation expression agree: %b" (attrResult.StepsTaken = pgdResult.StepsTaken)
printfn "elapsed %.1f s" clock.Elapsed.TotalSeconds
