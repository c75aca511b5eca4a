using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// Heavy-ball momentum on a quadratic (docs/design.md#momentum): r_(t+1) = (1 + mu - eta lambda) r_t - mu r_(t-1),
/// r_1 = (1 - eta lambda) r_0 along each eigendirection of the operator (lambda its eigenvalue). The rule that
/// chooses (eta, mu), its stability bound and the per-direction closed form, each written once.
/// </summary>
public static class HeavyBall
{
    /// <summary>
    /// Polyak's rule for eigenvalues in [<paramref name="smallest"/>, <paramref name="largest"/>]:
    /// eta = 4 / (sqrt(L) + sqrt(l))^2, mu = ((sqrt(L) - sqrt(l)) / (sqrt(L) + sqrt(l)))^2. Every direction then
    /// contracts by sqrt(mu) per step (about 1 - 2 sqrt(l / L)) instead of gradient descent's 1 - l / L.
    /// l &gt;= L gives mu = 0 and eta = 1 / L, plain descent.
    /// </summary>
    public static (double StepSize, double Momentum) Optimal(double largest, double smallest)
    {
        Guard.Positive(largest, nameof(largest), "L is the largest eigenvalue of the operator.");
        Guard.Positive(smallest, nameof(smallest), "l is the smallest eigenvalue that still has to be learned.");
        if (smallest >= largest)
        {
            return (1.0 / largest, 0.0);
        }

        var (a, b) = (Math.Sqrt(largest), Math.Sqrt(smallest));
        var ratio = (a - b) / (a + b);
        return (4.0 / ((a + b) * (a + b)), ratio * ratio);
    }

    /// <summary>
    /// The step for a given mu: (1 + sqrt(mu))^2 / L, the largest eta at which the top direction still contracts at
    /// the best rate sqrt(mu) (Polyak's eta when mu is Polyak's); 1 / L for mu = 0.
    /// </summary>
    public static double StepFor(double momentum, double largest)
    {
        var root = 1.0 + Math.Sqrt(momentum);
        return root * root / largest;
    }

    /// <summary>2 (1 + mu) / lambda: heavy ball is stable along an eigenvalue lambda iff 0 &lt;= mu &lt; 1 and 0 &lt; eta lambda &lt; 2 (1 + mu).</summary>
    public static double StepBound(double momentum, double eigenvalue) => 2.0 * (1.0 + momentum) / eigenvalue;

    /// <summary>True when every direction with eigenvalue in (0, <paramref name="largest"/>] contracts.</summary>
    public static bool IsStable(double stepSize, double momentum, double largest) =>
        momentum >= 0 && momentum < 1 && stepSize > 0 && stepSize * largest < 2.0 * (1.0 + momentum);

    /// <summary>
    /// r_t / r_0 along one direction with eta lambda = <paramref name="stepTimesEigenvalue"/>: (1 - eta lambda)^t for
    /// mu = 0, otherwise the two-term recurrence evaluated by squaring its 2 x 2 companion matrix (O(log t)).
    /// </summary>
    public static double Factor(double stepTimesEigenvalue, double momentum, int steps)
    {
        if (momentum == 0 || steps == 0)
        {
            return Math.Pow(1.0 - stepTimesEigenvalue, steps);
        }

        // [r_t, r_(t-1)] = M^(t-1) [r_1, r_0],  M = [[a, -mu], [1, 0]],  a = 1 + mu - eta lambda.
        double m00 = 1.0 + momentum - stepTimesEigenvalue, m01 = -momentum, m10 = 1.0, m11 = 0.0;
        double p00 = 1.0, p01 = 0.0, p10 = 0.0, p11 = 1.0;   // the power accumulated so far
        for (var e = steps - 1; e > 0; e >>= 1)
        {
            if ((e & 1) == 1)
            {
                (p00, p01, p10, p11) = (p00 * m00 + p01 * m10, p00 * m01 + p01 * m11, p10 * m00 + p11 * m10, p10 * m01 + p11 * m11);
            }

            (m00, m01, m10, m11) = (m00 * m00 + m01 * m10, m00 * m01 + m01 * m11, m10 * m00 + m11 * m10, m10 * m01 + m11 * m11);
        }

        return p00 * (1.0 - stepTimesEigenvalue) + p01;
    }
}
