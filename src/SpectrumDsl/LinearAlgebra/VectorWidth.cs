using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// The register width the hand-written kernels use: the elementwise drivers (<see cref="Simd"/>), the level-1
/// operations and the GEMM micro-kernel all follow the one value in <see cref="LinearAlgebraControl.Width"/>.
/// </summary>
internal enum VectorWidth
{
    /// <summary>Plain scalar code (one double at a time).</summary>
    Scalar = 64,
    /// <summary><see cref="Vector256{T}"/> with FMA: 4 doubles.</summary>
    Vector256 = 256,
    /// <summary><see cref="Vector512{T}"/> with FMA: 8 doubles (emulated, slowly but correctly, where the hardware has no AVX-512).</summary>
    Vector512 = 512,
}
