namespace SpectrumDsl.FSharp

open SpectrumDsl.Expressions

/// <summary>
/// Raised when a target expression given as text is invalid (by <c>Spectrum.target</c>, and by the
/// <c>target "..."</c> operation of <c>spectrum { ... }</c> and <c>trainer { ... }</c>). Carries every
/// problem with the same id (SPD001-SPD008), message and span (Start, Length inside the text) that the
/// source generator reports for the same text in <c>[ModifiedSpectrum("...")]</c>.
/// Use <c>Spectrum.tryTarget</c> to get a <c>Result</c> instead.
/// </summary>
exception SpectrumExpressionError of ExpressionDiagnostic list
    with
        /// <summary>Every diagnostic, one per line, as "SPDnnn at start+length: message".</summary>
        override this.Message =
            match this :> exn with
            | SpectrumExpressionError diagnostics ->
                "Invalid spectrum target expression:\n"
                + (diagnostics |> List.map string |> String.concat "\n")
            | _ -> "Invalid spectrum target expression."
