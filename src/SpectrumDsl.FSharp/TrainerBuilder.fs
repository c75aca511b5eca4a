namespace SpectrumDsl.FSharp

open System
open SpectrumDsl
open SpectrumDsl.Kernels
open SpectrumDsl.Training

/// <summary>
/// Builder of <c>trainer { ... }</c>, which produces the runtime's <see cref="T:SpectrumDsl.Training.TrainerConfig"/>,
/// starting from its defaults (or from <c>basedOn config</c>):
/// <code>
/// trainer {
///     spectrumOf FlatTop9.Spec   // rank, target, and the architecture when the kernel is an NTK
///     width 2048
///     steps 4000
///     optimizer Optimizer.GradientDescent
///     tolerance 0.05
///     seed 1 }
/// </code>
/// The result is validated (<c>TrainerConfig.Validate</c>): an invalid value raises <c>ArgumentException</c>
/// naming the property; invalid target text raises <see cref="SpectrumExpressionError"/>.
/// </summary>
type TrainerBuilder() =

    /// Starts from the runtime's defaults.
    member _.Yield(_: unit) = TrainerSettings.defaults

    /// Starts from the runtime's defaults.
    member _.Zero() = TrainerSettings.defaults

    /// <summary>Starts over from an existing configuration (for example a generated <c>TrainerConfig</c>).</summary>
    [<CustomOperation("basedOn")>]
    member _.BasedOn(_: TrainerSettings, config: TrainerConfig) = TrainerSettings.ofConfig config

    /// <summary>Takes rank and target from <paramref name="spec"/>, and the network architecture when its kernel is a network NTK.</summary>
    [<CustomOperation("spectrumOf")>]
    member _.SpectrumOf(s: TrainerSettings, spec: SpectrumSpec) =
        let s = { s with Rank = spec.Rank; Target = spec.Target }
        match spec.Kernel with
        | :? NtkKernel as ntk -> { s with Architecture = ntk.Architecture }
        | _ -> s

    /// <summary>Hidden-layer width m.</summary>
    [<CustomOperation("width")>]
    member _.Width(s: TrainerSettings, width: int) = { s with Width = width }

    /// <summary>Number of hidden layers L.</summary>
    [<CustomOperation("depth")>]
    member _.Depth(s: TrainerSettings, depth: int) =
        { s with Architecture = NetworkArchitecture(s.Architecture.Activation, depth, s.Architecture.BiasScale) }

    /// <summary>Bias scale beta (0: no bias).</summary>
    [<CustomOperation("bias")>]
    member _.Bias(s: TrainerSettings, biasScale: float) =
        { s with Architecture = NetworkArchitecture(s.Architecture.Activation, s.Architecture.Depth, biasScale) }

    /// <summary>Maximum number of update steps.</summary>
    [<CustomOperation("steps")>]
    member _.Steps(s: TrainerSettings, steps: int) = { s with Steps = steps }

    /// <summary>Step size eta; 0 means automatic.</summary>
    [<CustomOperation("learningRate")>]
    member _.LearningRate(s: TrainerSettings, rate: float) = { s with LearningRate = rate }

    /// <summary>Plain (GradientDescent) or preconditioned (Preconditioned) gradient descent.</summary>
    [<CustomOperation("optimizer")>]
    member _.Optimizer(s: TrainerSettings, optimizer: Optimizer) = { s with Optimizer = optimizer }

    /// <summary>k, the number of top eigenpairs the preconditioner modifies.</summary>
    [<CustomOperation("rank")>]
    member _.Rank(s: TrainerSettings, rank: int) = { s with Rank = rank }

    /// <summary>The target as expression text; raises <see cref="SpectrumExpressionError"/> when invalid.</summary>
    [<CustomOperation("target")>]
    member _.Target(s: TrainerSettings, text: string) = { s with Target = Spectrum.target text }

    /// <summary>The target as a runtime SpectrumTarget.</summary>
    [<CustomOperation("target")>]
    member _.Target(s: TrainerSettings, target: SpectrumTarget) =
        ArgumentNullException.ThrowIfNull target
        { s with Target = target }

    /// <summary>The target as an F# function <c>fun lambda i context -> ...</c>.</summary>
    [<CustomOperation("target")>]
    member _.Target(s: TrainerSettings, g: float -> int -> TargetContext -> float) =
        { s with Target = Spectrum.ofFunction "F# function" g }

    /// <summary>The Gram matrix the preconditioner and automatic step come from.</summary>
    [<CustomOperation("preconditionerSource")>]
    member _.PreconditionerSource(s: TrainerSettings, source: PreconditionerSource) = { s with PreconditionerSource = source }

    /// <summary>Relative residual at which training stops, in (0, 1).</summary>
    [<CustomOperation("tolerance")>]
    member _.Tolerance(s: TrainerSettings, tolerance: float) = { s with Tolerance = tolerance }

    /// <summary>Seed of initialisation and mini-batch order.</summary>
    [<CustomOperation("seed")>]
    member _.Seed(s: TrainerSettings, seed: int) = { s with Seed = seed }

    /// <summary>Keep a training record every this many steps.</summary>
    [<CustomOperation("recordInterval")>]
    member _.RecordInterval(s: TrainerSettings, interval: int) = { s with RecordInterval = interval }

    /// <summary>Points per step; 0 means full batch.</summary>
    [<CustomOperation("batchSize")>]
    member _.BatchSize(s: TrainerSettings, batchSize: int) = { s with BatchSize = batchSize }

    /// <summary>The validated <see cref="T:SpectrumDsl.Training.TrainerConfig"/>.</summary>
    member _.Run(s: TrainerSettings) : TrainerConfig =
        let config = TrainerSettings.toConfig s
        config.Validate()
        config

/// The <c>spectrum { ... }</c> and <c>trainer { ... }</c> computation expressions.
[<AutoOpen>]
module Builders =

    /// <summary>Declares a <see cref="T:SpectrumDsl.SpectrumSpec"/>: <c>spectrum { reluNtk 1 1.0; target "lambda_k"; rank 9 }</c>.</summary>
    let spectrum = SpectrumBuilder()

    /// <summary>Declares a <see cref="T:SpectrumDsl.Training.TrainerConfig"/>: <c>trainer { width 2048; steps 4000; seed 1 }</c>.</summary>
    let trainer = TrainerBuilder()
