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
///     spectrumOf FlatTop9.Spec   // rank, target and architecture (the kernel must be a network NTK)
///     width 2048
///     steps 4000
///     optimizer Optimizer.GradientDescent
///     tolerance 0.05
///     seed 1 }
/// </code>
/// There is one operation per TrainerConfig property (named like it, in camelCase), plus <c>activation</c>,
/// <c>depth</c> and <c>bias</c> for the architecture's parts. The state of the block IS a TrainerConfig, changed
/// only by C#'s <c>with</c> (one property at a time), so no property can be dropped on the way.
/// The result is validated (<c>TrainerConfig.Validate</c>): an invalid value raises <c>ArgumentException</c>
/// naming the property; invalid target text raises <see cref="SpectrumExpressionError"/>.
/// </summary>
type TrainerBuilder() =

    /// Starts from the runtime's defaults.
    member _.Yield(_: unit) = TrainerConfig()

    /// Starts from the runtime's defaults.
    member _.Zero() = TrainerConfig()

    /// <summary>Starts over from an existing configuration (for example a generated <c>TrainerConfig</c>), every property as it is.</summary>
    [<CustomOperation("basedOn")>]
    member _.BasedOn(_: TrainerConfig, config: TrainerConfig) =
        ArgumentNullException.ThrowIfNull config
        config

    /// <summary>
    /// Takes rank, target and the network architecture from <paramref name="spec"/>, whose kernel must be a
    /// network NTK (<c>reluNtk</c>, <c>erfNtk</c>, or <c>kernel</c> with a <c>NetworkArchitecture.Ntk()</c>): the
    /// trainer trains the network whose NTK is the spectrum's base kernel. This is the rule the C# generator
    /// reports as SPD024 for <c>[WideNetworkTrainer]</c> beside <c>[GaussianKernel]</c> or <c>[LaplaceKernel]</c>.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">The kernel is not a network NTK (parameter <c>spec</c>).</exception>
    [<CustomOperation("spectrumOf")>]
    member _.SpectrumOf(c: TrainerConfig, spec: SpectrumSpec) =
        ArgumentNullException.ThrowIfNull spec
        match spec.Kernel with
        | :? NtkKernel as ntk ->
            let c = TrainerConfigUpdate.Target(TrainerConfigUpdate.Rank(c, spec.Rank), spec.Target)
            TrainerConfigUpdate.Architecture(c, ntk.Architecture)
        | kernel ->
            invalidArg
                "spec"
                (sprintf
                    "spectrumOf: trainer { } trains the network whose NTK is the spectrum's base kernel, so the kernel must be a network NTK (reluNtk, erfNtk, or kernel (NetworkArchitecture.Ntk())), not %s (the C# generator's SPD024). Declare the spectrum with reluNtk or erfNtk, or keep this spectrum's rank and target without its kernel: rank %d; target spec.Target; architecture (the network to train)."
                    kernel.Name
                    spec.Rank)

    /// <summary>Hidden-layer width m.</summary>
    [<CustomOperation("width")>]
    member _.Width(c: TrainerConfig, width: int) = TrainerConfigUpdate.Width(c, width)

    /// <summary>The network trained: activation, depth and bias scale.</summary>
    [<CustomOperation("architecture")>]
    member _.Architecture(c: TrainerConfig, architecture: NetworkArchitecture) =
        ArgumentNullException.ThrowIfNull architecture
        TrainerConfigUpdate.Architecture(c, architecture)

    /// <summary>The hidden layers' nonlinearity, <c>Activation.Relu</c> or <c>Activation.Erf</c> (the rest of the architecture is kept).</summary>
    [<CustomOperation("activation")>]
    member _.Activation(c: TrainerConfig, activation: Activation) =
        TrainerConfigUpdate.Architecture(c, NetworkArchitecture(activation, c.Architecture.Depth, c.Architecture.BiasScale))

    /// <summary>Number of hidden layers L (the rest of the architecture is kept).</summary>
    [<CustomOperation("depth")>]
    member _.Depth(c: TrainerConfig, depth: int) =
        TrainerConfigUpdate.Architecture(c, NetworkArchitecture(c.Architecture.Activation, depth, c.Architecture.BiasScale))

    /// <summary>Bias scale beta (0: no bias; the rest of the architecture is kept).</summary>
    [<CustomOperation("bias")>]
    member _.Bias(c: TrainerConfig, biasScale: float) =
        TrainerConfigUpdate.Architecture(c, NetworkArchitecture(c.Architecture.Activation, c.Architecture.Depth, biasScale))

    /// <summary>Maximum number of update steps.</summary>
    [<CustomOperation("steps")>]
    member _.Steps(c: TrainerConfig, steps: int) = TrainerConfigUpdate.Steps(c, steps)

    /// <summary>Step size eta; 0 means automatic.</summary>
    [<CustomOperation("learningRate")>]
    member _.LearningRate(c: TrainerConfig, rate: float) = TrainerConfigUpdate.LearningRate(c, rate)

    /// <summary>Plain (GradientDescent) or preconditioned (Preconditioned) gradient descent.</summary>
    [<CustomOperation("optimizer")>]
    member _.Optimizer(c: TrainerConfig, optimizer: Optimizer) = TrainerConfigUpdate.Optimizer(c, optimizer)

    /// <summary>k, the number of top eigenpairs the preconditioner modifies.</summary>
    [<CustomOperation("rank")>]
    member _.Rank(c: TrainerConfig, rank: int) = TrainerConfigUpdate.Rank(c, rank)

    /// <summary>The target as expression text; raises <see cref="SpectrumExpressionError"/> when invalid.</summary>
    [<CustomOperation("target")>]
    member _.Target(c: TrainerConfig, text: string) = TrainerConfigUpdate.Target(c, Spectrum.target text)

    /// <summary>The target as a runtime SpectrumTarget.</summary>
    [<CustomOperation("target")>]
    member _.Target(c: TrainerConfig, target: SpectrumTarget) =
        ArgumentNullException.ThrowIfNull target
        TrainerConfigUpdate.Target(c, target)

    /// <summary>The target as an F# function <c>fun lambda i context -> ...</c>.</summary>
    [<CustomOperation("target")>]
    member _.Target(c: TrainerConfig, g: float -> int -> TargetContext -> float) =
        TrainerConfigUpdate.Target(c, Spectrum.ofFunction "F# function" g)

    /// <summary>The Gram matrix the preconditioner and automatic step come from.</summary>
    [<CustomOperation("preconditionerSource")>]
    member _.PreconditionerSource(c: TrainerConfig, source: PreconditionerSource) = TrainerConfigUpdate.PreconditionerSource(c, source)

    /// <summary>Relative residual at which training stops, in (0, 1).</summary>
    [<CustomOperation("tolerance")>]
    member _.Tolerance(c: TrainerConfig, tolerance: float) = TrainerConfigUpdate.Tolerance(c, tolerance)

    /// <summary>Seed of initialisation and mini-batch order.</summary>
    [<CustomOperation("seed")>]
    member _.Seed(c: TrainerConfig, seed: int) = TrainerConfigUpdate.Seed(c, seed)

    /// <summary>Keep a training record every this many steps.</summary>
    [<CustomOperation("recordInterval")>]
    member _.RecordInterval(c: TrainerConfig, interval: int) = TrainerConfigUpdate.RecordInterval(c, interval)

    /// <summary>Points per step; 0 means full batch.</summary>
    [<CustomOperation("batchSize")>]
    member _.BatchSize(c: TrainerConfig, batchSize: int) = TrainerConfigUpdate.BatchSize(c, batchSize)

    /// <summary>Heavy-ball momentum: 0 none, a mu in (0, 1), or TrainerConfig.AutomaticMomentum (-1) to choose mu and eta from the spectrum.</summary>
    [<CustomOperation("momentum")>]
    member _.Momentum(c: TrainerConfig, momentum: float) = TrainerConfigUpdate.Momentum(c, momentum)

    /// <summary>Lets an explicit learning rate at or above the stability bound through (to study divergence on purpose).</summary>
    [<CustomOperation("allowUnstableLearningRate")>]
    member _.AllowUnstableLearningRate(c: TrainerConfig, allow: bool) = TrainerConfigUpdate.AllowUnstableLearningRate(c, allow)

    /// <summary>What a diverging run does: Recover (halve the step and continue from the best parameters) or Throw.</summary>
    [<CustomOperation("onDivergence")>]
    member _.OnDivergence(c: TrainerConfig, policy: DivergencePolicy) = TrainerConfigUpdate.OnDivergence(c, policy)

    /// <summary>Exact or Nystrom eigenpairs, or Automatic (by the training-set size).</summary>
    [<CustomOperation("path")>]
    member _.Path(c: TrainerConfig, path: TrainingPath) = TrainerConfigUpdate.Path(c, path)

    /// <summary>The Nystrom path's subsample size s (0: automatic).</summary>
    [<CustomOperation("subsample")>]
    member _.Subsample(c: TrainerConfig, subsample: int) = TrainerConfigUpdate.Subsample(c, subsample)

    /// <summary>Classification: stop at this training accuracy (0: never).</summary>
    [<CustomOperation("stopAtTrainAccuracy")>]
    member _.StopAtTrainAccuracy(c: TrainerConfig, accuracy: float) = TrainerConfigUpdate.StopAtTrainAccuracy(c, accuracy)

    /// <summary>Classification: stop at this test accuracy, checked at record steps (0: never).</summary>
    [<CustomOperation("stopAtTestAccuracy")>]
    member _.StopAtTestAccuracy(c: TrainerConfig, accuracy: float) = TrainerConfigUpdate.StopAtTestAccuracy(c, accuracy)

    /// <summary>Early stopping: the share of the training points held out for validation (0: none); the best validation step's parameters are kept.</summary>
    [<CustomOperation("validationFraction")>]
    member _.ValidationFraction(c: TrainerConfig, fraction: float) = TrainerConfigUpdate.ValidationFraction(c, fraction)

    /// <summary>Early stopping: records without a lower validation loss before the run stops (0: never stop early).</summary>
    [<CustomOperation("patience")>]
    member _.Patience(c: TrainerConfig, patience: int) = TrainerConfigUpdate.Patience(c, patience)

    /// <summary>The validated <see cref="T:SpectrumDsl.Training.TrainerConfig"/>.</summary>
    member _.Run(c: TrainerConfig) : TrainerConfig =
        c.Validate()
        c

/// The <c>spectrum { ... }</c> and <c>trainer { ... }</c> computation expressions.
[<AutoOpen>]
module Builders =

    /// <summary>Declares a <see cref="T:SpectrumDsl.SpectrumSpec"/>: <c>spectrum { reluNtk 1 1.0; target "lambda_k"; rank 9 }</c>.</summary>
    let spectrum = SpectrumBuilder()

    /// <summary>Declares a <see cref="T:SpectrumDsl.Training.TrainerConfig"/>: <c>trainer { width 2048; steps 4000; seed 1 }</c>.</summary>
    let trainer = TrainerBuilder()
