/// Shared inputs and bit-level comparisons.
module SpectrumDsl.FSharp.Tests.Grids

open System
open MathNet.Numerics.LinearAlgebra
open SpectrumDsl
open Xunit

/// Eigenvalues from 0 through tiny, typical NTK scale (2.905 is degree 0 on the circle) to large.
let lambdas = [ 0.0; 1e-300; 1e-6; 0.0123; 0.3039636; 1.0; 2.905203; 17.5; 1e3 ]

/// 1-based indices, past the rank too.
let indices = [ 1 .. 12 ]

/// Contexts (lambda_1, lambda_k, k, n).
let contexts = [ TargetContext(2.905203, 0.0123, 9, 64); TargetContext(1.0, 0.5, 3, 10); TargetContext(1e-3, 1e-9, 1, 1) ]

/// Every (lambda, i, context) of the grid.
let grid = [ for c in contexts do for l in lambdas do for i in indices -> l, i, c ]

/// Asserts that two doubles have the same bits (so +0/-0 and NaN payloads count).
let assertSameBits (expected: float) (actual: float) (what: string) =
    let e, a = BitConverter.DoubleToInt64Bits expected, BitConverter.DoubleToInt64Bits actual
    if e <> a then failwithf "%s: expected %.17g (bits %x) but got %.17g (bits %x)" what expected e actual a

/// Asserts that two matrices are identical bit for bit.
let assertSameMatrix (expected: Matrix<float>) (actual: Matrix<float>) =
    Assert.Equal(expected.RowCount, actual.RowCount)
    Assert.Equal(expected.ColumnCount, actual.ColumnCount)
    for r in 0 .. expected.RowCount - 1 do
        for c in 0 .. expected.ColumnCount - 1 do
            assertSameBits expected[r, c] actual[r, c] (sprintf "entry (%d, %d)" r c)

/// ||a - b||_F / ||b||_F.
let relativeError (a: Matrix<float>) (b: Matrix<float>) = (a - b).FrobeniusNorm() / b.FrobeniusNorm()
