/// The computation expressions build the same SpectrumSpec and TrainerConfig as the attributes
/// (examples/Spectra, compiled by the source generator) for the same inputs.
module SpectrumDsl.FSharp.Tests.EquivalenceTests

open SpectrumDsl
open SpectrumDsl.Data
open SpectrumDsl.Kernels
open SpectrumDsl.FSharp
open SpectrumDsl.Examples.Spectra
open SpectrumDsl.FSharp.Tests.Grids
open Xunit

let flatTop9 = spectrum { reluNtk 1 1.0; target "lambda_k"; rank 9 }
let slowDecay9 = spectrum { reluNtk 1 1.0; target "lambda_1 * i^-0.5"; rank 9 }

let x = Sphere.Sample(40, 2, 3)

[<Fact>]
let ``Text target is bit-identical to the generated Target on a grid`` () =
    for lambda, i, context in grid do
        assertSameBits (FlatTop9.Target(lambda, i, context)) (flatTop9.Target.Evaluate(lambda, i, context)) "lambda_k"
        assertSameBits (SlowDecay9.Target(lambda, i, context)) (slowDecay9.Target.Evaluate(lambda, i, context)) "lambda_1 * i^-0.5"
        assertSameBits (SlowDecay9.Spec.Target.Evaluate(lambda, i, context)) (Spectrum.target "lambda_1 * i^-0.5" |> Spectrum.evaluate lambda i context) "Spectrum.target"

[<Fact>]
let ``Spec has the generated rank, description and kernel`` () =
    for declared, generated in [ flatTop9, FlatTop9.Spec; slowDecay9, SlowDecay9.Spec ] do
        Assert.Equal(generated.Rank, declared.Rank)
        Assert.Equal(generated.Target.Description, declared.Target.Description)
        let d, g = declared.Kernel :?> NtkKernel, generated.Kernel :?> NtkKernel
        Assert.Equal(g.Architecture, d.Architecture)

[<Fact>]
let ``Kernel Gram and MSK Gram are bit-identical to the generated builders`` () =
    assertSameMatrix (FlatTop9.Spec.Kernel.Gram x) (flatTop9.Kernel |> Kernel.gram x)
    assertSameMatrix ((FlatTop9.BuildKernel x).TrainingGram()) ((Spectrum.build x flatTop9).TrainingGram())
    assertSameMatrix ((SlowDecay9.BuildKernel x).TrainingGram()) ((slowDecay9 |> Spectrum.build x).TrainingGram())
    assertSameMatrix ((FlatTop9.BuildPreconditioner x).Dense()) ((flatTop9 |> Spectrum.preconditioner x).Dense())

let assertSameConfig (expected: SpectrumDsl.Training.TrainerConfig) (actual: SpectrumDsl.Training.TrainerConfig) =
    // Every property (enumerated, so none is forgotten) but the target (a delegate) is a value;
    // the target is compared by its description and values.
    for property in typeof<SpectrumDsl.Training.TrainerConfig>.GetProperties(System.Reflection.BindingFlags.Public ||| System.Reflection.BindingFlags.Instance) do
        if property.Name <> "Target" then
            Assert.True(obj.Equals(property.GetValue expected, property.GetValue actual),
                        sprintf "%s: expected %O, got %O" property.Name (property.GetValue expected) (property.GetValue actual))
    Assert.Equal(expected.Target.Description, actual.Target.Description)
    for lambda, i, context in grid do
        assertSameBits (expected.Target.Evaluate(lambda, i, context)) (actual.Target.Evaluate(lambda, i, context)) "config target"

[<Fact>]
let ``trainer builds the generated TrainerConfig`` () =
    assertSameConfig FlatTop9.TrainerConfig (trainer { spectrumOf flatTop9; width 2048; steps 4000; tolerance 0.05; seed 1 })
    assertSameConfig
        SlowDecay9.TrainerConfig
        (trainer {
            depth 1
            bias 1.0
            rank 9
            target "lambda_1 * i^-0.5"
            width 1024
            steps 2000
            optimizer Optimizer.GradientDescent
            tolerance 0.05
            seed 7 })

[<Fact>]
let ``basedOn starts from a configuration and withOptimizer changes only the optimizer`` () =
    let based = trainer { basedOn FlatTop9.TrainerConfig; seed 5 }
    Assert.Equal(5, based.Seed)
    assertSameConfig FlatTop9.TrainerConfig (trainer { basedOn based; seed 1 })
    let gd = FlatTop9.TrainerConfig |> Trainer.withOptimizer Optimizer.GradientDescent
    Assert.Equal(Optimizer.GradientDescent, gd.Optimizer)
    assertSameConfig FlatTop9.TrainerConfig (gd |> Trainer.withOptimizer Optimizer.Preconditioned)

[<Fact>]
let ``Defaults are the runtime's`` () =
    assertSameConfig (SpectrumDsl.Training.TrainerConfig()) (trainer { () })
    let spec = spectrum { gaussian 0.5; rank 3 }
    Assert.Same(SpectrumTarget.FlattenTop, spec.Target)
    Assert.IsType<GaussianKernel>(spec.Kernel) |> ignore
    Assert.IsType<LaplaceKernel>((spectrum { laplace 2.0; rank 1 }).Kernel) |> ignore
    let k = Kernel.reluNtk 2 0.0
    Assert.Same(k, (spectrum { kernel k; rank 1 }).Kernel)
