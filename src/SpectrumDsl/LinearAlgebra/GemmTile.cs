namespace SpectrumDsl.LinearAlgebra;

/// <summary>
/// The register tile and cache blocks of the packed GEMM for one <see cref="VectorWidth"/>: the micro-kernel
/// computes an MR x NR block of C, packing lays A out in MR-row panels and B in NR-column panels, and blocking,
/// edge tiles and the parallel split all read the same value (<see cref="For"/>), so they cannot disagree.
/// </summary>
/// <remarks>
/// Only the depth block <see cref="KC"/> decides the rounding (each element of C is one fused multiply-add chain
/// over a depth block, and the blocks are added in order), so every tile shares the same KC: a product gives the
/// same bits at every width and every tile shape, and the tiles could be changed without changing any result.
/// </remarks>
internal readonly record struct GemmTile(int MR, int NR, int MC, int KC, int NC)
{
    /// <summary>Depth of one packed block, the same for every tile (it fixes the summation order).</summary>
    public const int Depth = 256;

    /// <summary>
    /// 24 x 8 for 32 zmm registers: 24 accumulators (3 x Vector512 rows by 8 columns), 3 A loads and 8 broadcasts per k.
    /// Also the scalar kernel's shape (its loops take any shape).
    /// </summary>
    public static GemmTile Wide { get; } = new(MR: 24, NR: 8, MC: 192, KC: Depth, NC: 1536);

    /// <summary>
    /// 8 x 6 for 16 ymm registers (AVX2): 12 accumulators (2 x Vector256 rows by 6 columns), 2 A loads and one
    /// broadcast register, 15 registers in all, as in BLIS's Haswell/Zen double kernel. The A block (192 x 256,
    /// 384 KB) fits a 512 KB L2, the B micro-panel (256 x 6, 12 KB) the L1.
    /// </summary>
    public static GemmTile Avx2 { get; } = new(MR: 8, NR: 6, MC: 192, KC: Depth, NC: 1536);

    /// <summary>The tile of the micro-kernel that runs at <paramref name="width"/>.</summary>
    public static GemmTile For(VectorWidth width) => width == VectorWidth.Vector256 ? Avx2 : Wide;

    /// <summary>Doubles in one packed A block (MC x KC).</summary>
    public int PackedASize => MC * KC;

    /// <summary>Doubles in one packed B block (KC x NC, NC rounded up to whole panels).</summary>
    public int PackedBSize => KC * ((NC + NR - 1) / NR * NR);
}
