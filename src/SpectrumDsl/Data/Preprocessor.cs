using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.LinearAlgebra;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Data;

/// <summary>
/// Input preprocessing fitted once on training data and applied unchanged to any data (training, test,
/// new points): z = (x - mean) / sd, then z -> P^T z onto the top p principal directions, then an
/// appended constant, then z -> radius z / |z| (see <see cref="PreprocessOptions"/>). Every statistic
/// comes from the training data, so test points are transformed exactly as training points were.
/// Immutable after <see cref="Fit"/>.
/// </summary>
public sealed partial class Preprocessor
{
    // A transformed point shorter than this fraction of the training points' root-mean-square norm is
    // zero up to round-off (it equals the training mean): its direction is noise, so it cannot be put
    // on a sphere.
    private const double ZeroTolerance = 1e-12;

    private readonly FeatureStatistics statistics;
    private readonly double[] divisor;
    private readonly Matrix<double>? directions;
    private readonly double[]? variances;
    private readonly double rootMeanSquareNorm;

    private Preprocessor(PreprocessOptions options, FeatureStatistics statistics, Matrix<double>? directions, double[]? variances)
    {
        Options = options;
        this.statistics = statistics;
        this.directions = directions;
        this.variances = variances;
        var d = statistics.Mean.Length;
        divisor = Enumerable.Range(0, d).Select(j => options.Scale && !statistics.IsConstant(j) ? statistics.StandardDeviation[j] : 1.0).ToArray();
        ConstantFeatures = Array.AsReadOnly(Enumerable.Range(0, d).Where(statistics.IsConstant).ToArray());
        OutputDimension = (directions?.ColumnCount ?? d) + (options.AppendConstant is null ? 0 : 1);
        // The mean squared norm of the transformed training points is the trace of their covariance
        // (plus the uncentred mean's part and the constant's square), known without transforming them.
        var spread = variances?.Sum() ?? Enumerable.Range(0, d).Sum(j => Square(statistics.StandardDeviation[j] / divisor[j]));
        var offset = options.Centre ? 0.0 : Enumerable.Range(0, d).Sum(j => Square(statistics.Mean[j] / divisor[j]));
        rootMeanSquareNorm = Math.Sqrt(spread + offset + Square(options.AppendConstant ?? 0.0));
    }

    /// <summary>The steps this preprocessor applies.</summary>
    public PreprocessOptions Options { get; }

    /// <summary>d, the number of features of the data it was fitted on (and accepts).</summary>
    public int InputDimension => statistics.Mean.Length;

    /// <summary>The dimension of transformed points: p (or d) plus one for an appended constant.</summary>
    public int OutputDimension { get; }

    /// <summary>The sphere radius of transformed points: sqrt(<see cref="OutputDimension"/>), 1, or NaN without projection.</summary>
    public double Radius => Options.Sphere switch
    {
        SphereProjection.RadiusSqrtDimension => Math.Sqrt(OutputDimension),
        SphereProjection.Unit => 1.0,
        _ => double.NaN,
    };

    /// <summary>The training mean of each feature (subtracted when <see cref="PreprocessOptions.Centre"/>).</summary>
    public IReadOnlyList<double> Mean => Array.AsReadOnly(statistics.Mean);

    /// <summary>The training standard deviation of each feature, dividing by n (used when <see cref="PreprocessOptions.Scale"/>).</summary>
    public IReadOnlyList<double> StandardDeviation => Array.AsReadOnly(statistics.StandardDeviation);

    /// <summary>Indices of the features constant on the training data (never scaled: they have no spread).</summary>
    public IReadOnlyList<int> ConstantFeatures { get; }

    /// <summary>
    /// The principal directions, a d x p matrix of orthonormal columns, largest variance first, each with its
    /// largest-magnitude entry positive (a sign convention, so results do not depend on the eigensolver);
    /// null without <see cref="PreprocessOptions.Components"/>. A copy.
    /// </summary>
    public Matrix<double>? Directions => directions?.Clone();

    /// <summary>The training variance along each principal direction (covariance eigenvalues, descending); null without projection.</summary>
    public IReadOnlyList<double>? ComponentVariances => variances is null ? null : Array.AsReadOnly(variances);

    /// <summary>Learns the statistics of <paramref name="training"/> (n x d, one point per row, n &gt;= 2).</summary>
    public static Preprocessor Fit(Matrix<double> training, PreprocessOptions? options = null)
    {
        Guard.Points(training, nameof(training));
        options ??= new PreprocessOptions();
        Guard.AtLeast(training.RowCount, 2, "training.RowCount", "Means and spreads need at least two training points.");
        if (options.AppendConstant is double constant)
        {
            Guard.Finite(constant, "options.AppendConstant");
        }

        if (!Enum.IsDefined(options.Sphere))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Sphere, $"options.Sphere must be one of {string.Join(", ", Enum.GetNames<SphereProjection>())}.");
        }

        var statistics = FeatureStatistics.Of(training);
        var unprojected = new Preprocessor(options with { Components = null }, statistics, null, null);
        if (options.Components is not int components)
        {
            return unprojected.CheckSpread();
        }

        if (!options.Centre)
        {
            throw new ArgumentException(
                "options.Components needs Centre = true: principal directions are those of the centred training data, and uncentred points would mostly point along the mean.",
                nameof(options));
        }

        var limit = Math.Min(training.ColumnCount, training.RowCount - 1);
        Guard.InRange(components, 1, limit, "options.Components",
            $"Keep at most min(d, n - 1) = {limit} principal directions for {training.RowCount} points in {training.ColumnCount} dimensions.");
        var (found, variances) = PrincipalDirections.Of(unprojected.Standardise(training), components);
        return new Preprocessor(options, statistics, found, variances).CheckSpread();
    }

    /// <summary>
    /// The transformed points, n x <see cref="OutputDimension"/>, one per row, using only the training
    /// statistics. A point that is zero before the sphere projection (it equals the training mean and no
    /// constant is appended) has no direction and is refused, naming its row.
    /// </summary>
    public Matrix<double> Apply(Matrix<double> points)
    {
        Guard.Points(points, nameof(points));
        Guard.SameDimension(points, nameof(points), InputDimension, "the training data");
        var z = Standardise(points);
        if (directions is not null)
        {
            z = FastLinearAlgebra.Multiply(z, directions);
        }

        if (Options.AppendConstant is double constant)
        {
            z = Append(z, constant);
        }

        if (Options.Sphere != SphereProjection.None)
        {
            ProjectRows(z, Radius);
        }

        return z;
    }

    private Matrix<double> Standardise(Matrix<double> points)
    {
        var n = points.RowCount;
        var source = points.AsColumnMajorArray() ?? points.ToColumnMajorArray();
        var result = new double[source.Length];
        for (var j = 0; j < InputDimension; j++)
        {
            var shift = Options.Centre ? statistics.Mean[j] : 0.0;
            var scale = 1.0 / divisor[j];
            var from = source.AsSpan(j * n, n);
            var to = result.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                to[i] = (from[i] - shift) * scale;
            }
        }

        return Matrix<double>.Build.Dense(n, InputDimension, result);
    }

    private static Matrix<double> Append(Matrix<double> z, double constant)
    {
        var n = z.RowCount;
        var result = new double[n * (z.ColumnCount + 1)];
        z.AsColumnMajorArray().CopyTo(result, 0);
        Array.Fill(result, constant, n * z.ColumnCount, n);
        return Matrix<double>.Build.Dense(n, z.ColumnCount + 1, result);
    }

    private void ProjectRows(Matrix<double> z, double radius)
    {
        var n = z.RowCount;
        var values = z.AsColumnMajorArray();
        var squares = new double[n];
        for (var j = 0; j < z.ColumnCount; j++)
        {
            var column = values.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                squares[i] += column[i] * column[i];
            }
        }

        for (var i = 0; i < n; i++)
        {
            var norm = Math.Sqrt(squares[i]);
            if (!(norm > ZeroTolerance * rootMeanSquareNorm))
            {
                throw new ArgumentException(
                    $"points row {i} is zero after preprocessing (norm {Guard.Format(norm)} against a typical {Guard.Format(rootMeanSquareNorm)}): it equals the training mean, so it has no direction to put on the sphere. Drop the row, set AppendConstant (every point then keeps a nonzero coordinate), or use Sphere = None.",
                    "points");
            }

            squares[i] = radius / norm;
        }

        for (var j = 0; j < z.ColumnCount; j++)
        {
            var column = values.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                column[i] *= squares[i];
            }
        }
    }

    private Preprocessor CheckSpread()
    {
        if (Options.Sphere != SphereProjection.None && !(rootMeanSquareNorm > 0))
        {
            throw new ArgumentException(
                "training has no spread: every training point equals the mean, so after centring no point has a direction to put on the sphere. Check that the right matrix was passed, or set AppendConstant.",
                "training");
        }

        return this;
    }

    private static double Square(double value) => value * value;
}
