using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Msk;

/// <summary>
/// A Modified Spectrum Kernel (docs/design.md#msk): the base kernel with its top-k eigenvalues replaced
/// by g_1..g_k. It is a kernel on all of R^d through the Nystrom eigenfunctions
/// phi_i(x) = sqrt(n) / delta_i K(x, X) v_i:
/// Kg(x, z) = K(x, z) + sum_i (g_i - lambda_i) phi_i(x) phi_i(z).
/// </summary>
public sealed partial class ModifiedSpectrumKernel : IKernel
{
    private readonly Matrix<double> trainingInputs;
    private readonly Matrix<double> vectors;         // V_k, n x k
    private readonly double[] coefficients;          // a_i = c_i / delta_i
    private Preconditioner? preconditioner;

    private ModifiedSpectrumKernel(IKernel baseKernel, Matrix<double> x, SpectralModification modification)
    {
        BaseKernel = baseKernel;
        trainingInputs = x;
        Modification = modification;
        vectors = modification.Eigenpairs.VectorsView;
        var values = modification.Eigenpairs.ValuesView;
        coefficients = new double[modification.Rank];
        for (var i = 0; i < coefficients.Length; i++)
        {
            coefficients[i] = modification.Scales[i] / values[i];
        }
    }

    /// <summary>The kernel whose spectrum is modified.</summary>
    public IKernel BaseKernel { get; }

    /// <summary>The eigenpairs and targets.</summary>
    public SpectralModification Modification { get; }

    /// <summary>The training inputs X (a copy).</summary>
    public Matrix<double> TrainingInputs => trainingInputs.Clone();

    /// <summary>k.</summary>
    public int Rank => Modification.Rank;

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"MSK of {BaseKernel.Name}: top {Rank} eigenvalues -> {Modification.Target.Description}");

    /// <summary>The preconditioner S with the same eigenpairs and targets (needs every g_i &gt; 0).</summary>
    public Preconditioner Preconditioner => preconditioner ??= new Preconditioner(Modification);

    /// <summary>Builds the MSK of <paramref name="baseKernel"/> on training inputs <paramref name="x"/>.</summary>
    public static ModifiedSpectrumKernel Build(IKernel baseKernel, Matrix<double> x, SpectrumTarget target, int rank)
    {
        Guard.NotNull(baseKernel, nameof(baseKernel));
        Guard.Points(x, nameof(x));
        Guard.NotNull(target, nameof(target));
        Guard.InRange(rank, 1, x.RowCount, nameof(rank),
            $"The rank k counts replaced eigenvalues and cannot exceed the number of training points n = {x.RowCount}.");
        var modification = SpectralModification.Compute(baseKernel.Gram(x), target, rank);
        return new ModifiedSpectrumKernel(baseKernel, x.Clone(), modification);
    }

    /// <summary>Builds the MSK from a spectral modification already computed from <paramref name="baseKernel"/>'s Gram on <paramref name="x"/>.</summary>
    public static ModifiedSpectrumKernel FromModification(IKernel baseKernel, Matrix<double> x, SpectralModification modification)
    {
        Guard.NotNull(baseKernel, nameof(baseKernel));
        Guard.Points(x, nameof(x));
        Guard.NotNull(modification, nameof(modification));
        Guard.SameLength(x.RowCount, nameof(x), modification.SampleCount, "the modification's sample count");
        return new ModifiedSpectrumKernel(baseKernel, x.Clone(), modification);
    }

    /// <summary>Kg(X, X) = K + V diag(n g_i - delta_i) V^T = K S, exactly on the training set.</summary>
    public Matrix<double> TrainingGram() => Modification.ModifiedGram(BaseKernel.Gram(trainingInputs));

    /// <summary>Kg(X*, X) = K(X*, X) S: predictions of a model trained on X evaluate through it.</summary>
    public Matrix<double> TrainingCross(Matrix<double> xNew)
    {
        KernelInputs.CheckCross(xNew, trainingInputs);
        var cross = BaseKernel.Cross(xNew, trainingInputs);
        var scales = Modification.Scales;
        // Two thin products on the packed GEMM (MathNet's managed multiply is unpacked and single-threaded).
        var projected = FastLinearAlgebra.Multiply(cross, vectors);
        var p = projected.AsColumnMajorArray()!;
        var m = projected.RowCount;
        for (var i = 0; i < Rank; i++)
        {
            FastLinearAlgebra.Scale(p.AsSpan(i * m, m), scales[i]);
        }

        var correction = FastLinearAlgebra.MultiplyTransposed(projected, vectors);
        var c = correction.AsColumnMajorArray()!;
        var baseValues = cross.AsColumnMajorArray() ?? cross.ToColumnMajorArray();
        FastLinearAlgebra.Axpy(1.0, baseValues, c);
        return correction;
    }

    /// <summary>phi_i(x) = sqrt(n) / delta_i K(x, X) v_i for every row of <paramref name="points"/> (i is 1-based).</summary>
    public Vector<double> Eigenfunction(int i, Matrix<double> points)
    {
        Guard.InRange(i, 1, Rank, nameof(i));
        KernelInputs.CheckCross(points, trainingInputs);
        var n = Modification.SampleCount;
        var delta = Modification.Eigenpairs.ValuesView[i - 1];
        return BaseKernel.Cross(points, trainingInputs) * vectors.Column(i - 1) * (Math.Sqrt(n) / delta);
    }

    /// <inheritdoc />
    public double Evaluate(Vector<double> x, Vector<double> z)
    {
        KernelInputs.CheckPair(x, z);
        var pair = Matrix<double>.Build.DenseOfRowVectors(x, z);
        return Gram(pair)[0, 1];
    }

    /// <inheritdoc />
    public Matrix<double> Gram(Matrix<double> x)
    {
        KernelInputs.CheckCross(x, trainingInputs);
        var projections = Project(x);
        var result = BaseKernel.Gram(x) + Scale(projections).TransposeAndMultiply(projections);
        PointProducts.Symmetrize(result);
        return result;
    }

    /// <inheritdoc />
    public Matrix<double> Cross(Matrix<double> xNew, Matrix<double> x)
    {
        KernelInputs.CheckCross(xNew, x);
        KernelInputs.CheckCross(x, trainingInputs);
        return BaseKernel.Cross(xNew, x) + Scale(Project(xNew)).TransposeAndMultiply(Project(x));
    }

    // K(points, X) V_k: the eigenfunctions up to the factor sqrt(n) / delta_i.
    private Matrix<double> Project(Matrix<double> points) => BaseKernel.Cross(points, trainingInputs) * vectors;

    private Matrix<double> Scale(Matrix<double> projections) => projections * Matrix<double>.Build.DenseOfDiagonalArray(coefficients);
}
