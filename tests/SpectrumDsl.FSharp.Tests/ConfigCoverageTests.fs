/// Every public TrainerConfig property survives the F# layer: basedOn, Trainer.withOptimizer and a
/// trainer { } block with one operation per property. Properties are enumerated by reflection, so a
/// property added to TrainerConfig later fails here until the F# layer carries it.
module SpectrumDsl.FSharp.Tests.ConfigCoverageTests

open System.Reflection
open SpectrumDsl
open SpectrumDsl.Kernels
open SpectrumDsl.Training
open SpectrumDsl.FSharp
open Xunit

let properties = typeof<TrainerConfig>.GetProperties(BindingFlags.Public ||| BindingFlags.Instance)

/// Every property at a valid value different from its default.
let everything =
    TrainerConfig(
        Width = 96,
        Architecture = NetworkArchitecture.Relu(3, 0.25),
        Steps = 123,
        LearningRate = 0.125,
        Momentum = 0.5,
        Optimizer = Optimizer.GradientDescent,
        Rank = 4,
        Target = Spectrum.target "lambda^0.5",
        PreconditionerSource = PreconditionerSource.EmpiricalNtk,
        Tolerance = 0.0125,
        Seed = 42,
        RecordInterval = 3,
        BatchSize = 8,
        AllowUnstableLearningRate = true,
        OnDivergence = DivergencePolicy.Throw,
        Path = TrainingPath.Nystrom,
        Subsample = 500,
        StopAtTrainAccuracy = 0.9,
        StopAtTestAccuracy = 0.8,
        ValidationFraction = 0.25,
        Patience = 3)

/// The properties whose values differ between two configurations.
let differences (expected: TrainerConfig) (actual: TrainerConfig) =
    properties
    |> Array.filter (fun property -> not (obj.Equals(property.GetValue expected, property.GetValue actual)))
    |> Array.map (fun property -> sprintf "%s: expected %O, got %O" property.Name (property.GetValue expected) (property.GetValue actual))
    |> List.ofArray

let assertCarries (what: string) (expected: TrainerConfig) (actual: TrainerConfig) =
    match differences expected actual with
    | [] -> ()
    | lost -> failwithf "%s does not carry every TrainerConfig property:\n%s" what (String.concat "\n" lost)

[<Fact>]
let ``the test configuration sets every TrainerConfig property to a non-default value`` () =
    let defaults = TrainerConfig()
    let unset =
        properties
        |> Array.filter (fun property -> obj.Equals(property.GetValue everything, property.GetValue defaults))
        |> Array.map (fun property -> property.Name)
    Assert.True(
        Array.isEmpty unset,
        sprintf "Set %s to a valid non-default value in `everything` (tests/SpectrumDsl.FSharp.Tests/ConfigCoverageTests.fs) so the F# layer is tested on it."
            (String.concat ", " unset))
    everything.Validate()

[<Fact>]
let ``basedOn carries every property`` () =
    assertCarries "trainer { basedOn config }" everything (trainer { basedOn everything })

[<Fact>]
let ``withOptimizer changes the optimizer and carries every other property`` () =
    let changed = everything |> Trainer.withOptimizer Optimizer.Preconditioned
    Assert.Equal(Optimizer.Preconditioned, changed.Optimizer)
    assertCarries "Trainer.withOptimizer" everything (changed |> Trainer.withOptimizer everything.Optimizer)
    Assert.Equal<string list>([ "Optimizer" ], differences everything changed |> List.map (fun line -> line.Split(':').[0]))

[<Fact>]
let ``trainer has an operation for every property`` () =
    // When this fails for a new property P: add a custom operation `p` to src/SpectrumDsl.FSharp/TrainerBuilder.fs
    // (one line calling TrainerConfigUpdate.P, which src/SpectrumDsl/Training/TrainerConfigUpdate.cs adds as
    // `config with { P = value }`) and use it below.
    let built =
        trainer {
            width everything.Width
            architecture everything.Architecture
            steps everything.Steps
            learningRate everything.LearningRate
            momentum everything.Momentum
            optimizer everything.Optimizer
            rank everything.Rank
            target everything.Target
            preconditionerSource everything.PreconditionerSource
            tolerance everything.Tolerance
            seed everything.Seed
            recordInterval everything.RecordInterval
            batchSize everything.BatchSize
            allowUnstableLearningRate everything.AllowUnstableLearningRate
            onDivergence everything.OnDivergence
            path everything.Path
            subsample everything.Subsample
            stopAtTrainAccuracy everything.StopAtTrainAccuracy
            stopAtTestAccuracy everything.StopAtTestAccuracy
            validationFraction everything.ValidationFraction
            patience everything.Patience
        }
    assertCarries "trainer { one operation per property }" everything built

[<Fact>]
let ``every property has a trainer operation named like it`` () =
    let operations =
        typeof<TrainerBuilder>.GetMethods()
        |> Array.choose (fun m -> m.GetCustomAttribute<CustomOperationAttribute>() |> Option.ofObj)
        |> Array.map (fun attribute -> attribute.Name)
        |> Set.ofArray
    let camel (name: string) = string (System.Char.ToLowerInvariant name.[0]) + name.Substring 1
    let missing = properties |> Array.map (fun property -> camel property.Name) |> Array.filter (fun name -> not (operations.Contains name))
    Assert.True(
        Array.isEmpty missing,
        sprintf "trainer { } has no operation %s: add it to src/SpectrumDsl.FSharp/TrainerBuilder.fs (calling TrainerConfigUpdate, src/SpectrumDsl/Training/TrainerConfigUpdate.cs) and use it in ``trainer has an operation for every property``."
            (String.concat ", " missing))

[<Fact>]
let ``depth and bias change only their part of the architecture`` () =
    let built = trainer { basedOn everything; depth 2; bias 0.0 }
    let expected = trainer { basedOn everything; architecture (NetworkArchitecture(everything.Architecture.Activation, 2, 0.0)) }
    assertCarries "depth / bias" expected built

[<Fact>]
let ``activation changes only its part of the architecture`` () =
    let built = trainer { basedOn everything; activation Activation.Erf }
    Assert.Equal(NetworkArchitecture.Erf(everything.Architecture.Depth, everything.Architecture.BiasScale), built.Architecture)
    Assert.Equal<string list>([ "Architecture" ], differences everything built |> List.map (fun line -> line.Split(':').[0]))

[<Fact>]
let ``an Erf spectrum gives the trainer its Erf architecture`` () =
    let spec = spectrum { erfNtk 2 0.5; rank 5 }
    let built = trainer { spectrumOf spec }
    Assert.Equal(NetworkArchitecture.Erf(2, 0.5), built.Architecture)
    Assert.Equal("Erf NTK (depth 2, bias 0.5)", spec.Kernel.Name)
    // The kernel is the architecture's own: the same values as the C# construction.
    Assert.Equal(NetworkArchitecture.Erf(2, 0.5).Ntk().OnSphere(0.3, 2), (Kernel.erfNtk 2 0.5 :?> NtkKernel).OnSphere(0.3, 2))
