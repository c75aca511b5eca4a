namespace SpectrumDsl.FSharp

open System
open SpectrumDsl
open SpectrumDsl.Kernels

/// What a <c>spectrum { ... }</c> block has declared so far (immutable).
type SpectrumDeclaration =
    { /// The base kernel, once declared.
      Kernel: IKernel option
      /// The target, once declared.
      Target: SpectrumTarget option
      /// The rank k, once declared.
      Rank: int option }

    /// Nothing declared yet.
    static member Empty = { Kernel = None; Target = None; Rank = None }

/// <summary>
/// Builder of <c>spectrum { ... }</c>, which produces the runtime's <see cref="T:SpectrumDsl.SpectrumSpec"/>:
/// <code>
/// spectrum {
///     reluNtk 1 1.0              // or: erfNtk 1 1.0 / kernel k / gaussian h / laplace h
///     target "lambda_k"          // text, a SpectrumTarget, or fun lambda i context -> ...
///     rank 9 }
/// </code>
/// Kernel and rank are required; the target defaults to <c>lambda_k</c> (flatten the top k).
/// A target given as invalid text raises <see cref="SpectrumExpressionError"/> with the generator's
/// diagnostics when the block is evaluated; a missing kernel or rank raises <c>ArgumentException</c>.
/// </summary>
type SpectrumBuilder() =

    /// Starts an empty declaration.
    member _.Yield(_: unit) = SpectrumDeclaration.Empty

    /// Starts an empty declaration.
    member _.Zero() = SpectrumDeclaration.Empty

    /// <summary>The base kernel.</summary>
    [<CustomOperation("kernel")>]
    member _.Kernel(state: SpectrumDeclaration, kernel: IKernel) =
        ArgumentNullException.ThrowIfNull kernel
        { state with Kernel = Some kernel }

    /// <summary>Base kernel: the ReLU NTK with <paramref name="depth"/> hidden layers and bias scale <paramref name="biasScale"/>.</summary>
    [<CustomOperation("reluNtk")>]
    member _.ReluNtk(state: SpectrumDeclaration, depth: int, biasScale: float) =
        { state with Kernel = Some(Kernel.reluNtk depth biasScale) }

    /// <summary>Base kernel: the Erf NTK with <paramref name="depth"/> hidden layers and bias scale <paramref name="biasScale"/>.</summary>
    [<CustomOperation("erfNtk")>]
    member _.ErfNtk(state: SpectrumDeclaration, depth: int, biasScale: float) =
        { state with Kernel = Some(Kernel.erfNtk depth biasScale) }

    /// <summary>Base kernel: Gaussian with bandwidth h.</summary>
    [<CustomOperation("gaussian")>]
    member _.Gaussian(state: SpectrumDeclaration, bandwidth: float) =
        { state with Kernel = Some(Kernel.gaussian bandwidth) }

    /// <summary>Base kernel: Laplace with bandwidth h.</summary>
    [<CustomOperation("laplace")>]
    member _.Laplace(state: SpectrumDeclaration, bandwidth: float) =
        { state with Kernel = Some(Kernel.laplace bandwidth) }

    /// <summary>The target as expression text; raises <see cref="SpectrumExpressionError"/> when invalid.</summary>
    [<CustomOperation("target")>]
    member _.Target(state: SpectrumDeclaration, text: string) =
        { state with Target = Some(Spectrum.target text) }

    /// <summary>The target as a runtime <see cref="T:SpectrumDsl.SpectrumTarget"/>.</summary>
    [<CustomOperation("target")>]
    member _.Target(state: SpectrumDeclaration, target: SpectrumTarget) =
        ArgumentNullException.ThrowIfNull target
        { state with Target = Some target }

    /// <summary>The target as an F# function <c>fun lambda i context -> ...</c>.</summary>
    [<CustomOperation("target")>]
    member _.Target(state: SpectrumDeclaration, g: float -> int -> TargetContext -> float) =
        { state with Target = Some(Spectrum.ofFunction "F# function" g) }

    /// <summary>The rank k: how many top eigenvalues are replaced.</summary>
    [<CustomOperation("rank")>]
    member _.Rank(state: SpectrumDeclaration, rank: int) = { state with Rank = Some rank }

    /// <summary>The declared <see cref="T:SpectrumDsl.SpectrumSpec"/>.</summary>
    member _.Run(state: SpectrumDeclaration) : SpectrumSpec =
        match state with
        | { Kernel = None } -> invalidArg "kernel" "spectrum { ... } needs a base kernel: kernel k, reluNtk depth bias, erfNtk depth bias, gaussian h or laplace h."
        | { Rank = None } -> invalidArg "rank" "spectrum { ... } needs a rank: rank k (how many top eigenvalues to replace)."
        | { Kernel = Some kernel; Rank = Some rank; Target = target } ->
            SpectrumSpec(kernel, defaultArg target SpectrumTarget.FlattenTop, rank)
