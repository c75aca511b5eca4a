using System.Runtime.Intrinsics;

namespace SpectrumDsl.LinearAlgebra;

// The operator shapes of the element-wise drivers in Simd (the pattern of TensorPrimitives'
// IUnaryOperator): an operation is a small struct that states its formula once per width, and the
// drivers, generic over the struct type, own every loop, width choice and tail. The JIT compiles one
// specialised copy of a driver per operator struct, so the hot loops have no delegate or virtual call.
// Implementations mark their methods AggressiveInlining and compute the same formula at every width,
// so an element's result does not depend on its position or on where the vector tail begins.

/// <summary>y = f(x), element-wise.</summary>
internal interface IUnaryOperator
{
    /// <summary>One element.</summary>
    double Invoke(double x);

    /// <summary>Four elements.</summary>
    Vector256<double> Invoke(Vector256<double> x);

    /// <summary>Eight elements.</summary>
    Vector512<double> Invoke(Vector512<double> x);
}

/// <summary>z = f(x, y), element-wise.</summary>
internal interface IBinaryOperator
{
    /// <summary>One element.</summary>
    double Invoke(double x, double y);

    /// <summary>Four elements.</summary>
    Vector256<double> Invoke(Vector256<double> x, Vector256<double> y);

    /// <summary>Eight elements.</summary>
    Vector512<double> Invoke(Vector512<double> x, Vector512<double> y);
}

/// <summary>acc = f(acc, x, y): one step of a reduction over two inputs (a dot product is acc + x y).</summary>
internal interface IAccumulateOperator
{
    /// <summary>One element.</summary>
    double Invoke(double accumulator, double x, double y);

    /// <summary>Four lanes.</summary>
    Vector256<double> Invoke(Vector256<double> accumulator, Vector256<double> x, Vector256<double> y);

    /// <summary>Eight lanes.</summary>
    Vector512<double> Invoke(Vector512<double> accumulator, Vector512<double> x, Vector512<double> y);
}

/// <summary>
/// The body of an element-wise loop at index i: loads its inputs, applies its operator and stores its outputs,
/// for shapes the span drivers do not cover (several outputs, per-layer tables). <see cref="Simd.Run{TKernel}"/>
/// supplies the indices, so the loop, the width choice and the tail are still written once.
/// </summary>
internal interface IElementKernel
{
    /// <summary>Element i alone.</summary>
    void Invoke(nuint i);

    /// <summary>Elements i .. i + 3 as one <see cref="Vector256{T}"/>.</summary>
    void Invoke256(nuint i);

    /// <summary>Elements i .. i + 7 as one <see cref="Vector512{T}"/>.</summary>
    void Invoke512(nuint i);
}
