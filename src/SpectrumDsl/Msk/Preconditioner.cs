using System.Buffers;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Msk;

/// <summary>
/// S = I + V_k diag(n g_i / delta_i - 1) V_k^T (docs/design.md#preconditioner), applied as a low-rank correction in
/// O(nk): gradient descent on K S follows kernel GD with the modified spectrum.
/// </summary>
public sealed class Preconditioner
{
    private readonly double[] vectors;   // V_k column-major, n x k
    private readonly double[] scales;    // c_i (SpectralModification.Scales)

    /// <summary>Builds S from a spectral modification whose targets are all positive.</summary>
    public Preconditioner(SpectralModification modification)
    {
        Guard.NotNull(modification, nameof(modification));
        var targets = modification.TargetValuesView;
        for (var i = 0; i < targets.Length; i++)
        {
            if (!(targets[i] > 0))
            {
                throw new ArgumentException(
                    $"target '{modification.Target.Description}' must be > 0 for preconditioning (S must be positive definite) but gives {Guard.Format(targets[i])} at i = {i + 1}, lambda = {Guard.Format(modification.Eigenpairs.ValuesView[i] / modification.SampleCount)}.",
                    "target");
            }
        }

        Modification = modification;
        var n = modification.SampleCount;
        scales = modification.Scales;
        var largest = modification.NextGramValue;
        for (var i = 0; i < targets.Length; i++)
        {
            largest = Math.Max(largest, n * targets[i]);
        }

        vectors = modification.Eigenpairs.VectorsView.AsColumnMajorArray() ?? modification.Eigenpairs.VectorsView.ToColumnMajorArray();
        MaxEigenvalueOfKS = largest;
    }

    /// <summary>The eigenpairs and targets S is made of.</summary>
    public SpectralModification Modification { get; }

    /// <summary>n.</summary>
    public int SampleCount => Modification.SampleCount;

    /// <summary>k.</summary>
    public int Rank => Modification.Rank;

    /// <summary>lambda_max(K S) (Gram scale) = max(max_i n g_i, delta_(k+1)).</summary>
    public double MaxEigenvalueOfKS { get; }

    /// <summary>The default step 1 / lambda_max(K S); stability needs eta &lt; 2 / lambda_max(K S).</summary>
    public double DefaultStepSize => 1.0 / MaxEigenvalueOfKS;

    /// <summary>S r.</summary>
    public Vector<double> Apply(Vector<double> residual)
    {
        Guard.NotNull(residual, nameof(residual));
        var result = new double[residual.Count];
        Apply(residual.AsArray() ?? residual.ToArray(), result);
        return Vector<double>.Build.Dense(result);
    }

    /// <summary>S r written into <paramref name="result"/> without allocating (may alias <paramref name="residual"/>).</summary>
    public void Apply(ReadOnlySpan<double> residual, Span<double> result)
    {
        var n = SampleCount;
        Guard.SameLength(residual, nameof(residual), n, "the preconditioner's sample count");
        Guard.SameLength(result.Length, nameof(result), n, "the preconditioner's sample count");
        var k = scales.Length;
        var projections = ArrayPool<double>.Shared.Rent(k);
        try
        {
            // Two thin products, O(nk), with the vectorised dot and axpy.
            for (var j = 0; j < k; j++)
            {
                projections[j] = scales[j] * FastLinearAlgebra.Dot(vectors.AsSpan(j * n, n), residual);
            }

            if (!residual.Overlaps(result))
            {
                residual.CopyTo(result);
            }

            for (var j = 0; j < k; j++)
            {
                FastLinearAlgebra.Axpy(projections[j], vectors.AsSpan(j * n, n), result);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(projections);
        }
    }

    /// <summary>S as a dense n x n matrix: for tests and inspection only (O(n^2) memory).</summary>
    public Matrix<double> Dense()
    {
        var n = SampleCount;
        var v = Modification.Eigenpairs.VectorsView;
        var dense = Matrix<double>.Build.DenseIdentity(n);
        var scaled = v * Matrix<double>.Build.DenseOfDiagonalArray(scales);
        return dense + scaled.TransposeAndMultiply(v);
    }
}
