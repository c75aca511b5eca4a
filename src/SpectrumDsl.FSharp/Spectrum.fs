namespace SpectrumDsl.FSharp

open System
open MathNet.Numerics.LinearAlgebra
open SpectrumDsl
open SpectrumDsl.Expressions
open SpectrumDsl.Kernels

/// Targets, spectra and what is built from them, as curried, data-last functions.
[<RequireQualifiedAccess>]
module Spectrum =

    /// <summary>
    /// Parses, checks and compiles a target expression such as <c>"lambda_1 * i^-2"</c> with the
    /// runtime's <c>SpectrumTarget.TryParse</c> (the generator's language, diagnostics and values:
    /// bit-identical to the generated <c>Target</c>). <c>Error</c> lists every problem by position.
    /// </summary>
    let tryTarget (text: string) : Result<SpectrumTarget, ExpressionDiagnostic list> =
        match SpectrumTarget.TryParse(text) with
        | true, NonNull target, _ -> Ok target
        | _, _, diagnostics -> Error(List.ofSeq diagnostics)

    /// <summary>Like <see cref="tryTarget"/> but raises <see cref="SpectrumExpressionError"/> for invalid text.</summary>
    /// <exception cref="SpectrumExpressionError">The text is invalid (ids SPD001-SPD008, spans inside the text).</exception>
    let target (text: string) : SpectrumTarget =
        match tryTarget text with
        | Ok target -> target
        | Error diagnostics -> raise (SpectrumExpressionError diagnostics)

    /// <summary>
    /// A target given as an F# function <c>fun lambda i context -> ...</c> of the operator-scale
    /// eigenvalue, the 1-based index and the context (lambda_1, lambda_k, rank, sample count).
    /// </summary>
    let ofFunction (description: string) (g: float -> int -> TargetContext -> float) : SpectrumTarget =
        SpectrumTarget(description, Func<float, int, TargetContext, float>(fun lambda i context -> g lambda i context))

    /// <summary>The target value g(lambda, i, context).</summary>
    let evaluate (lambda: float) (i: int) (context: TargetContext) (target: SpectrumTarget) = target.Evaluate(lambda, i, context)

    /// <summary>A spectrum from its base kernel, target and rank k.</summary>
    let create (kernel: IKernel) (target: SpectrumTarget) (rank: int) = SpectrumSpec(kernel, target, rank)

    /// <summary>The Modified Spectrum Kernel of <paramref name="spec"/> on the training points <paramref name="x"/> (one per row).</summary>
    let build (x: Matrix<float>) (spec: SpectrumSpec) = spec.BuildKernel x

    /// <summary>The preconditioner S of <paramref name="spec"/> on the training points <paramref name="x"/> (needs a positive target).</summary>
    let preconditioner (x: Matrix<float>) (spec: SpectrumSpec) = spec.BuildPreconditioner x

    /// <summary>S on <paramref name="x"/> from a seeded Nystrom subsample of <paramref name="subsample"/> points (nothing n x n).</summary>
    let nystromPreconditioner (subsample: int) (seed: int) (x: Matrix<float>) (spec: SpectrumSpec) = spec.BuildNystromPreconditioner(x, subsample, seed)
