using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Msk;
using SpectrumDsl.Spectra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// Kernel gradient descent on the training residual, r_(t+1) = (I - eta K S) r_t, with its
/// closed form from the eigenpairs of K S (docs/design.md#kernel-gd): what an infinitely wide network does,
/// used to predict step counts before training.
/// </summary>
public sealed class KernelGradientDescent
{
    private readonly Matrix<double>? gram;   // null for a purely spectral model (FromSpectrum)
    private readonly Preconditioner? preconditioner;
    private readonly EigenDecomposition dynamics;   // eigenpairs of K S, symmetric when S comes from K

    private KernelGradientDescent(Matrix<double>? gram, Preconditioner? preconditioner, EigenDecomposition dynamics, double stepSize)
    {
        this.gram = gram;
        this.preconditioner = preconditioner;
        this.dynamics = dynamics;
        StepSize = stepSize;
    }

    /// <summary>eta.</summary>
    public double StepSize { get; }

    /// <summary>Heavy-ball momentum mu (0: plain kernel GD); see <see cref="WithMomentum"/>.</summary>
    public double Momentum { get; private init; }

    /// <summary>
    /// The same kernel with heavy-ball momentum: r_(t+1) = r_t - eta K S r_t + mu (r_t - r_(t-1)), r_1 = r_0 - eta K S r_0
    /// (docs/design.md#momentum). Each eigendirection follows <see cref="HeavyBall.Factor"/>; the residual norm may then
    /// rise between steps, so <see cref="StepsToTolerance(Matrix{double}, double, int)"/> scans step by step.
    /// </summary>
    /// <param name="momentum">mu in [0, 1).</param>
    /// <param name="stepSize">eta; stable iff eta lambda_max &lt; 2 (1 + mu).</param>
    /// <exception cref="ArgumentOutOfRangeException">mu outside [0, 1) or eta at or above the heavy-ball bound.</exception>
    public KernelGradientDescent WithMomentum(double momentum, double stepSize)
    {
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum must lie in [0, 1) but was {Guard.Format(momentum)}; heavy ball diverges otherwise.");
        }

        var largest = dynamics.ValuesView[0];
        Guard.Positive(stepSize, nameof(stepSize), "The step size must be positive.");
        if (!HeavyBall.IsStable(stepSize, momentum, largest))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize,
                $"stepSize {Guard.Format(stepSize)} is at or above the heavy-ball stability bound 2 (1 + mu) / lambda_max(K S) = {Guard.Format(HeavyBall.StepBound(momentum, largest))} for mu = {Guard.Format(momentum)}; use at most {Guard.Format(HeavyBall.StepFor(momentum, largest))}.");
        }

        return new KernelGradientDescent(gram, preconditioner, dynamics, stepSize)
        {
            similarity = similarity, remainderRate = remainderRate, Momentum = momentum,
        };
    }

    /// <summary>
    /// The smallest rate mu_j that still matters for reaching <paramref name="tolerance"/> from <paramref name="initialResidual"/>:
    /// going down the rates, the first one below which the residual's remaining energy is at most tolerance^2 ||R_0||^2
    /// (those directions need not move at all). With partial eigenpairs the energy outside them counts at the assumed
    /// remainder rate (with approximate S the energies are those of S^(1/2) R_0, whose norm the dynamics contract);
    /// 0 when nothing is positive.
    /// </summary>
    internal double SmallestRateThatMatters(Matrix<double> initialResidual, double tolerance)
    {
        var coordinates = Coordinates(initialResidual);
        var energies = new double[coordinates.RowCount];
        var total = 0.0;
        for (var j = 0; j < energies.Length; j++)
        {
            // Coordinates holds squared energies already, except with approximate S (the coordinates themselves).
            energies[j] = similarity ? coordinates.Row(j).DotProduct(coordinates.Row(j)) : coordinates[j, 0];
            total += energies[j];
        }

        var allowed = tolerance * tolerance * total;
        var below = total;
        var smallest = 0.0;
        for (var j = 0; j < energies.Length; j++)
        {
            var rate = j < dynamics.Count ? dynamics.ValuesView[j] : remainderRate!.Value;
            if (below <= allowed || rate <= 0)
            {
                break;
            }

            smallest = rate;
            below -= energies[j];
        }

        return smallest;
    }

    /// <summary>The eigenvalues mu_j of K S (K for plain GD), descending: direction j shrinks by (1 - eta mu_j) per step.</summary>
    public IReadOnlyList<double> Rates => dynamics.Values;

    /// <summary>
    /// Kernel GD with Gram <paramref name="gram"/>, optionally preconditioned by S built from the
    /// same Gram's eigenpairs; the step defaults to 1 / lambda_max(K S).
    /// </summary>
    /// <remarks>
    /// S may also come from approximate eigenpairs of this Gram (<see cref="EigenDecomposition.IsApproximate"/>,
    /// e.g. <see cref="EigenSolver.TopNystrom"/>). K S is then not symmetric, but with orthonormal V it is similar
    /// to the symmetric M = S^(1/2) K S^(1/2) (S^p = I + V diag((1 + c)^p - 1) V^T): the closed forms use
    /// K S = S^(-1/2) M S^(1/2), so they describe the iteration exactly, not the eigenpairs' idealisation.
    /// </remarks>
    public static KernelGradientDescent Create(Matrix<double> gram, Preconditioner? preconditioner = null, double? stepSize = null)
    {
        EigenSolver.CheckSymmetric(gram, nameof(gram));
        var operatorMatrix = gram;
        var similar = false;
        if (preconditioner is not null)
        {
            Guard.SameLength(preconditioner.SampleCount, nameof(preconditioner), gram.RowCount, "gram");
            // Iterative eigenpairs are accurate to ~1e-6 relative, Nystrom ones (s >= 100 in the
            // tests) to a few 1e-4, a foreign Gram's to O(1).
            similar = preconditioner.Modification.Eigenpairs.IsApproximate;
            var allowed = similar ? 1e-2 : 1e-4;
            var mismatch = preconditioner.Modification.RelativeResidualAgainst(gram);
            if (mismatch > allowed)
            {
                throw new ArgumentException(
                    $"preconditioner was built from a different Gram matrix: its eigenpairs miss this one by {Guard.Format(mismatch)} delta_1 (max ||K v_i - delta_i v_i||, at most {Guard.Format(allowed)} allowed for {(similar ? "approximate" : "exact")} eigenpairs). Build S from this Gram's eigenpairs.",
                    nameof(preconditioner));
            }

            operatorMatrix = similar ? SymmetrizedOperator(gram, preconditioner) : preconditioner.Modification.ModifiedGram(gram);
        }

        var dynamics = EigenSolver.Full(operatorMatrix);
        var eta = CheckStep(stepSize, dynamics.Values[0]);
        return new KernelGradientDescent(gram, preconditioner, dynamics, eta) { similarity = similar };
    }

    /// <summary>
    /// Kernel GD from eigenpairs of <paramref name="gram"/> already computed (all n of them, or the top ones),
    /// with S made from their first k: K S = K + V_k diag(c_i delta_i) V_k^T has the same eigenvectors, with
    /// eigenvalue n g_i on the modified ones and delta_i elsewhere, so no second decomposition is needed
    /// (docs/design.md#kernel-gd). With only the top m pairs, the residual outside them is assumed to decay at
    /// the rate of the smallest computed eigenvalue: the predictions are then lower bounds on the steps
    /// (<see cref="IsLowerBound"/>).
    /// </summary>
    public static KernelGradientDescent FromEigenpairs(Matrix<double> gram, EigenDecomposition eigenpairs, Preconditioner? preconditioner = null, double? stepSize = null)
    {
        Guard.NotNull(gram, nameof(gram));
        Guard.NotNull(eigenpairs, nameof(eigenpairs));
        Guard.SameLength(eigenpairs.SampleCount, nameof(eigenpairs), gram.RowCount, "gram");
        if (eigenpairs.IsApproximate)
        {
            throw new ArgumentException("eigenpairs are approximate (Nystrom): K S does not share their eigenvectors; use Create with the preconditioner.", nameof(eigenpairs));
        }

        return Spectral(gram, eigenpairs, preconditioner, stepSize);
    }

    /// <summary>
    /// The spectral model of kernel GD from top eigenpairs alone, with no Gram (the Nystrom path: nothing n x n):
    /// as <see cref="FromEigenpairs"/>, taking the pairs as exact eigenpairs of K. For Nystrom pairs this is the
    /// dynamics of their rank-k approximation of K plus the assumption outside them; <see cref="Step"/> is unavailable.
    /// </summary>
    public static KernelGradientDescent FromSpectrum(EigenDecomposition eigenpairs, Preconditioner? preconditioner = null, double? stepSize = null)
    {
        Guard.NotNull(eigenpairs, nameof(eigenpairs));
        return Spectral(null, eigenpairs, preconditioner, stepSize);
    }

    private static KernelGradientDescent Spectral(Matrix<double>? gram, EigenDecomposition eigenpairs, Preconditioner? preconditioner, double? stepSize)
    {
        var n = eigenpairs.SampleCount;
        var values = (double[])eigenpairs.ValuesView.Clone();
        if (preconditioner is not null)
        {
            var modification = preconditioner.Modification;
            Guard.SameLength(modification.SampleCount, nameof(preconditioner), n, "the eigenpairs' sample count");
            for (var i = 0; i < modification.Rank; i++)
            {
                if (i >= values.Length || modification.Eigenpairs.ValuesView[i] != values[i])
                {
                    throw new ArgumentException($"preconditioner was not built from these eigenpairs (eigenvalue {i + 1} differs); pass the eigenpairs S was made from.", nameof(preconditioner));
                }

                values[i] = modification.SampleCount * modification.TargetValuesView[i];
            }
        }

        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ToArray();
        var vectors = eigenpairs.VectorsView;
        var sorted = Matrix<double>.Build.Dense(vectors.RowCount, order.Length, (row, column) => vectors.At(row, order[column]));
        var dynamics = EigenDecomposition.Detached(n, order.Select(i => values[i]).ToArray(), sorted, isApproximate: false);
        var partial = eigenpairs.Count < n;
        var eta = CheckStep(stepSize, dynamics.ValuesView[0]);
        return new KernelGradientDescent(gram, preconditioner, dynamics, eta)
        {
            remainderRate = partial ? Math.Max(0.0, eigenpairs.ValuesView[^1]) : null,
        };
    }

    /// <summary>
    /// True when the dynamics come from the top eigenpairs only (<see cref="FromEigenpairs"/>) and the
    /// residual outside them is assumed to decay as fast as along the smallest of them: step counts are then
    /// lower bounds (the true rates there are at most that fast).
    /// </summary>
    public bool IsLowerBound => remainderRate is not null;

    // True when the dynamics are the eigenpairs of S^(1/2) K S^(1/2) rather than of K S itself.
    private bool similarity;

    // With partial eigenpairs: the rate assumed for the residual outside them.
    private double? remainderRate;

    private static double CheckStep(double? stepSize, double largest)
    {
        var eta = stepSize ?? 1.0 / largest;
        Guard.Positive(eta, nameof(stepSize), "The step size of gradient descent must be positive.");
        if (eta * largest >= 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), eta,
                $"stepSize {Guard.Format(eta)} is above the stability bound 2 / lambda_max(K S) = {Guard.Format(2.0 / largest)}; kernel GD would diverge. Use at most 1 / lambda_max(K S) = {Guard.Format(1.0 / largest)}.");
        }

        return eta;
    }

    /// <summary>S^(1/2) K S^(1/2) for S = I + V diag(c) V^T with orthonormal V (dense, n x n).</summary>
    private static Matrix<double> SymmetrizedOperator(Matrix<double> gram, Preconditioner preconditioner)
    {
        var v = preconditioner.Modification.Eigenpairs.VectorsView;
        var half = PowerScales(preconditioner, 0.5);
        var scaled = v.Clone();
        for (var i = 0; i < half.Length; i++)
        {
            scaled.SetColumn(i, v.Column(i) * half[i]);
        }

        // K S^(1/2) = K + (K V) diag(a) V^T, then S^(1/2) (K S^(1/2)) = A + V diag(a) (V^T A).
        var right = gram + FastLinearAlgebra.MultiplyTransposed(FastLinearAlgebra.Multiply(gram, scaled), v);
        var result = right + FastLinearAlgebra.Multiply(scaled, FastLinearAlgebra.TransposeAndMultiply(v, right));
        PointProducts.Symmetrize(result);
        return result;
    }

    /// <summary>(1 + c_i)^p - 1: S^p = I + V diag(these) V^T.</summary>
    private static double[] PowerScales(Preconditioner preconditioner, double power)
    {
        var scales = preconditioner.Modification.Scales;
        var result = new double[scales.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Pow(1.0 + scales[i], power) - 1.0;
        }

        return result;
    }

    /// <summary>S^p R, column by column (identity when the dynamics are those of K S itself).</summary>
    private Matrix<double> ApplyPower(Matrix<double> r, double power)
    {
        if (!similarity)
        {
            return r;
        }

        var v = preconditioner!.Modification.Eigenpairs.VectorsView;
        var scales = PowerScales(preconditioner, power);
        var projections = v.TransposeThisAndMultiply(r);
        for (var i = 0; i < scales.Length; i++)
        {
            for (var a = 0; a < projections.ColumnCount; a++)
            {
                projections[i, a] *= scales[i];
            }
        }

        return r + v * projections;
    }

    /// <summary>One step by iteration: r - eta K (S r).</summary>
    public Vector<double> Step(Vector<double> residual)
    {
        if (gram is null)
        {
            throw new InvalidOperationException("This kernel GD model was made from eigenpairs alone (FromSpectrum) and has no Gram to iterate with; use Residual for its closed form.");
        }

        Guard.Finite(residual, nameof(residual));
        Guard.SameLength(residual.Count, nameof(residual), gram.RowCount, "gram");
        var direction = preconditioner is null ? residual : preconditioner.Apply(residual);
        return residual - StepSize * (gram * direction);
    }

    /// <summary>r_t = U diag((1 - eta mu)^t) U^T r_0, in closed form (wrapped in S^(-1/2) .. S^(1/2) for approximate S, see <see cref="Create"/>).</summary>
    public Vector<double> Residual(Vector<double> initialResidual, int steps) =>
        Residual(Column(initialResidual, nameof(initialResidual)), steps).Column(0);

    /// <summary>R_t for every column of the n x c residual <paramref name="initialResidual"/>: outputs follow the kernel independently.</summary>
    public Matrix<double> Residual(Matrix<double> initialResidual, int steps)
    {
        Check(initialResidual, nameof(initialResidual));
        Guard.AtLeast(steps, 0, nameof(steps));
        var u = dynamics.VectorsView;
        var coordinates = u.TransposeThisAndMultiply(ApplyPower(initialResidual, 0.5));
        var outside = remainderRate is { } rate ? (initialResidual - u * coordinates) * Factor(rate, steps) : null;
        for (var j = 0; j < coordinates.RowCount; j++)
        {
            var factor = Factor(dynamics.ValuesView[j], steps);
            for (var a = 0; a < coordinates.ColumnCount; a++)
            {
                coordinates[j, a] *= factor;
            }
        }

        var inside = ApplyPower(u * coordinates, -0.5);
        return outside is null ? inside : inside + outside;
    }

    /// <summary>||r_t|| for t = 0..<paramref name="steps"/>, in closed form.</summary>
    public double[] ResidualNorms(Vector<double> initialResidual, int steps) =>
        ResidualNorms(Column(initialResidual, nameof(initialResidual)), steps);

    /// <summary>||R_t||_F (all outputs together) for t = 0..<paramref name="steps"/>, in closed form.</summary>
    public double[] ResidualNorms(Matrix<double> initialResidual, int steps)
    {
        Guard.AtLeast(steps, 0, nameof(steps));
        var coordinates = Coordinates(initialResidual);
        var result = new double[steps + 1];
        for (var t = 0; t <= steps; t++)
        {
            result[t] = NormAt(coordinates, t);
        }

        return result;
    }

    /// <summary>
    /// The first t with ||r_t|| &lt;= tolerance ||r_0||, or null when it is not reached within
    /// <paramref name="maxSteps"/> (||r_t|| never increases at a stable step, so bisection is exact; with momentum
    /// it may, and the steps are scanned in order).
    /// </summary>
    public int? StepsToTolerance(Vector<double> initialResidual, double tolerance, int maxSteps) =>
        StepsToTolerance(Column(initialResidual, nameof(initialResidual)), tolerance, maxSteps);

    /// <summary>The first t with ||R_t||_F &lt;= tolerance ||R_0||_F for an n x c residual, or null (see the vector overload).</summary>
    public int? StepsToTolerance(Matrix<double> initialResidual, double tolerance, int maxSteps)
    {
        Guard.Positive(tolerance, nameof(tolerance), "The tolerance is relative to the initial residual, for example 0.05.");
        Guard.AtLeast(maxSteps, 0, nameof(maxSteps));
        var coordinates = Coordinates(initialResidual);
        var goal = tolerance * NormAt(coordinates, 0);
        if (NormAt(coordinates, 0) <= goal)
        {
            return 0;
        }

        if (Momentum > 0)
        {
            // Heavy ball's norm is not monotone: the first crossing needs a scan.
            for (var t = 1; t <= maxSteps; t++)
            {
                if (NormAt(coordinates, t) <= goal)
                {
                    return t;
                }
            }

            return null;
        }

        if (NormAt(coordinates, maxSteps) > goal)
        {
            return null;
        }

        int low = 0, high = maxSteps;   // norm(low) > goal >= norm(high)
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (NormAt(coordinates, middle) <= goal)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    private static Matrix<double> Column(Vector<double> residual, string parameter)
    {
        Guard.NotNull(residual, parameter);
        return Matrix<double>.Build.DenseOfColumnVectors(residual);
    }

    private void Check(Matrix<double> residual, string parameter)
    {
        Guard.NotNull(residual, parameter);
        Guard.Finite(residual, parameter);
        Guard.SameCount(residual.RowCount, parameter, "rows", dynamics.SampleCount, "the kernel's sample count");
    }

    // Per direction j of the dynamics: the squared coordinates of R_0 summed over outputs, or (for
    // approximate S) the coordinates of S^(1/2) R_0 themselves, which NormAt maps back column by column.
    private Matrix<double> Coordinates(Matrix<double> initialResidual)
    {
        Check(initialResidual, nameof(initialResidual));
        var coordinates = dynamics.VectorsView.TransposeThisAndMultiply(ApplyPower(initialResidual, 0.5));
        if (similarity)
        {
            return coordinates;
        }

        // One more row for the energy outside partial eigenpairs.
        var squares = Matrix<double>.Build.Dense(coordinates.RowCount + (remainderRate is null ? 0 : 1), 1);
        var inside = 0.0;
        for (var j = 0; j < coordinates.RowCount; j++)
        {
            var sum = 0.0;
            for (var a = 0; a < coordinates.ColumnCount; a++)
            {
                sum += coordinates[j, a] * coordinates[j, a];
            }

            squares[j, 0] = sum;
            inside += sum;
        }

        if (remainderRate is not null)
        {
            var total = FastLinearAlgebra.FrobeniusNorm(initialResidual);
            squares[coordinates.RowCount, 0] = Math.Max(0.0, total * total - inside);
        }

        return squares;
    }

    private double Factor(double rate, int steps) => HeavyBall.Factor(StepSize * rate, Momentum, steps);

    private double NormAt(Matrix<double> coordinates, int steps)
    {
        if (similarity)
        {
            var decayed = coordinates.Clone();
            for (var j = 0; j < decayed.RowCount; j++)
            {
                var factor = Factor(dynamics.ValuesView[j], steps);
                for (var a = 0; a < decayed.ColumnCount; a++)
                {
                    decayed[j, a] *= factor;
                }
            }

            return FastLinearAlgebra.FrobeniusNorm(ApplyPower(dynamics.VectorsView * decayed, -0.5));
        }

        var sum = 0.0;
        for (var j = 0; j < coordinates.RowCount; j++)
        {
            var rate = j < dynamics.Count ? dynamics.ValuesView[j] : remainderRate!.Value;
            var factor = Factor(rate, steps);
            sum += factor * factor * coordinates[j, 0];
        }

        return Math.Sqrt(sum);
    }
}
