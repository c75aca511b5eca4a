namespace SpectrumDsl.FSharp

open MathNet.Numerics.LinearAlgebra
open SpectrumDsl.Kernels

/// Base kernels, as values of the runtime's IKernel.
[<RequireQualifiedAccess>]
module Kernel =

    /// <summary>The NTK of a fully connected ReLU network with <paramref name="depth"/> hidden layers and bias scale <paramref name="biasScale"/> (0: no bias).</summary>
    let reluNtk (depth: int) (biasScale: float) : IKernel = NetworkArchitecture.Relu(depth, biasScale).Ntk()

    /// <summary>The NNGP (conjugate) kernel of the same ReLU network.</summary>
    let reluNngp (depth: int) (biasScale: float) : IKernel = NetworkArchitecture.Relu(depth, biasScale).Nngp()

    /// <summary>The NTK of a fully connected erf network with <paramref name="depth"/> hidden layers and bias scale <paramref name="biasScale"/> (0: no bias, and then its even degrees vanish).</summary>
    let erfNtk (depth: int) (biasScale: float) : IKernel = NetworkArchitecture.Erf(depth, biasScale).Ntk()

    /// <summary>The NNGP (conjugate) kernel of the same erf network.</summary>
    let erfNngp (depth: int) (biasScale: float) : IKernel = NetworkArchitecture.Erf(depth, biasScale).Nngp()

    /// <summary>Gaussian kernel exp(-|x - z|^2 / (2 h^2)) with bandwidth h.</summary>
    let gaussian (bandwidth: float) : IKernel = GaussianKernel(bandwidth)

    /// <summary>Laplace kernel exp(-|x - z| / h) with bandwidth h.</summary>
    let laplace (bandwidth: float) : IKernel = LaplaceKernel(bandwidth)

    /// <summary>The Gram matrix K(x_i, x_j) of the points <paramref name="x"/> (one per row).</summary>
    let gram (x: Matrix<float>) (kernel: IKernel) = kernel.Gram x
