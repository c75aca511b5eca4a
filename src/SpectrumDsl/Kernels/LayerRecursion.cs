using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Kernels;

/// <summary>
/// The block forms of a layer recursion, generic over the activation's <see cref="ILayerRecursion"/> and run by
/// <see cref="Simd.Run{TKernel}"/> (which owns the widths and tails): one layer over spans, the variance table
/// step at rho = 1, and the fused all-layers pass over a column segment of a Gram or cross block.
/// </summary>
internal static unsafe class LayerRecursion
{
    /// <summary>
    /// One layer, element-wise: (sigmaNext[i], sigmaDot[i]) from (sigma[i], norm[i]). The outputs may alias the
    /// inputs element-wise (same span).
    /// </summary>
    public static void Step<TLayer>(TLayer layer, ReadOnlySpan<double> sigma, ReadOnlySpan<double> norm, Span<double> sigmaNext, Span<double> sigmaDot)
        where TLayer : struct, ILayerRecursion
    {
        int n = sigma.Length;
        Simd.CheckLength(norm.Length, n, nameof(sigma), nameof(norm));
        Simd.CheckLength(sigmaNext.Length, n, nameof(sigma), nameof(sigmaNext));
        Simd.CheckLength(sigmaDot.Length, n, nameof(sigma), nameof(sigmaDot));
        fixed (double* s = sigma)
        fixed (double* nm = norm)
        fixed (double* next = sigmaNext)
        fixed (double* dot = sigmaDot)
        {
            Simd.Run(new StepKernel<TLayer>(layer, s, nm, next, dot), n);
        }
    }

    /// <summary>
    /// next[i] = sigmaNext(v[i], Norm(v[i], v[i])): the layer at rho = 1 with exactly the operations
    /// <see cref="Segment{TLayer}"/> applies to a Gram's diagonal, so variance tables built with it reproduce the
    /// diagonal bit for bit (and rho stays exactly 1 there).
    /// </summary>
    public static void SelfStep<TLayer>(TLayer layer, double* v, double* next, int length)
        where TLayer : struct, ILayerRecursion =>
        Simd.Run(new SelfStepKernel<TLayer>(layer, v, next), length);

    /// <summary>
    /// All <paramref name="depth"/> layers for one column segment, fused so every entry stays in registers: entry i
    /// starts from sigma = products[i] / dimension + betaSquared (= theta), layer l uses the variances
    /// rowVariances[l * rowStride + i] and columnVariances[l * columnStride], and theta = theta * sigmaDot + sigmaNext.
    /// The result (theta when <paramref name="ntk"/> is set, else sigma) overwrites products[i].
    /// </summary>
    public static void Segment<TLayer>(TLayer layer, double* products, int length, double* rowVariances, int rowStride,
        double* columnVariances, int columnStride, int depth, double dimension, double betaSquared, bool ntk)
        where TLayer : struct, ILayerRecursion =>
        Simd.Run(new SegmentKernel<TLayer>(layer, products, rowVariances, rowStride, columnVariances, columnStride, depth, dimension, betaSquared, ntk), length);

    private readonly struct StepKernel<TLayer>(TLayer layer, double* sigma, double* norm, double* sigmaNext, double* sigmaDot) : IElementKernel
        where TLayer : struct, ILayerRecursion
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(nuint i)
        {
            layer.Step(sigma[i], norm[i], out double next, out double dot);
            sigmaNext[i] = next;
            sigmaDot[i] = dot;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(nuint i)
        {
            layer.Step(Vector256.Load(sigma + i), Vector256.Load(norm + i), out var next, out var dot);
            Vector256.Store(next, sigmaNext + i);
            Vector256.Store(dot, sigmaDot + i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke512(nuint i)
        {
            layer.Step(Vector512.Load(sigma + i), Vector512.Load(norm + i), out var next, out var dot);
            Vector512.Store(next, sigmaNext + i);
            Vector512.Store(dot, sigmaDot + i);
        }
    }

    private readonly struct SelfStepKernel<TLayer>(TLayer layer, double* v, double* next) : IElementKernel
        where TLayer : struct, ILayerRecursion
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(nuint i)
        {
            double x = v[i];
            layer.Step(x, layer.Norm(x, x), out next[i], out _);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(nuint i)
        {
            var x = Vector256.Load(v + i);
            layer.Step(x, layer.Norm(x, x), out var sigmaNext, out _);
            Vector256.Store(sigmaNext, next + i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke512(nuint i)
        {
            var x = Vector512.Load(v + i);
            layer.Step(x, layer.Norm(x, x), out var sigmaNext, out _);
            Vector512.Store(sigmaNext, next + i);
        }
    }

    private readonly struct SegmentKernel<TLayer>(TLayer layer, double* products, double* rowVariances, int rowStride,
        double* columnVariances, int columnStride, int depth, double dimension, double betaSquared, bool ntk) : IElementKernel
        where TLayer : struct, ILayerRecursion
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke(nuint i)
        {
            double sigma = products[i] / dimension + betaSquared;
            double theta = sigma;
            for (int l = 0; l < depth; l++)
            {
                double norm = layer.Norm(rowVariances[(long)l * rowStride + (long)i], columnVariances[(long)l * columnStride]);
                layer.Step(sigma, norm, out double next, out double dot);
                theta = theta * dot + next;
                sigma = next;
            }

            products[i] = ntk ? theta : sigma;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke256(nuint i)
        {
            var sigma = Vector256.Load(products + i) / Vector256.Create(dimension) + Vector256.Create(betaSquared);
            var theta = sigma;
            for (int l = 0; l < depth; l++)
            {
                var norm = layer.Norm(Vector256.Load(rowVariances + (long)l * rowStride + (long)i), Vector256.Create(columnVariances[(long)l * columnStride]));
                layer.Step(sigma, norm, out var next, out var dot);
                theta = theta * dot + next;
                sigma = next;
            }

            Vector256.Store(ntk ? theta : sigma, products + i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke512(nuint i)
        {
            var sigma = Vector512.Load(products + i) / Vector512.Create(dimension) + Vector512.Create(betaSquared);
            var theta = sigma;
            for (int l = 0; l < depth; l++)
            {
                var norm = layer.Norm(Vector512.Load(rowVariances + (long)l * rowStride + (long)i), Vector512.Create(columnVariances[(long)l * columnStride]));
                layer.Step(sigma, norm, out var next, out var dot);
                theta = theta * dot + next;
                sigma = next;
            }

            Vector512.Store(ntk ? theta : sigma, products + i);
        }
    }
}
