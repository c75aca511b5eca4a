using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Classification;
using SpectrumDsl.Networks;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Training;

/// <summary>
/// The validated inputs of one run: training points (rows) with their n x c labels, and optional
/// test points with m x c labels. Labels are a matrix throughout; one column is the scalar case. For
/// classification the labels are the centred one-hot targets of the class indices, which are kept too.
/// </summary>
internal sealed class TrainingData
{
    private TrainingData(Matrix<double> x, Matrix<double> y, Matrix<double>? testX, Matrix<double>? testY,
        IReadOnlyList<int>? classes = null, IReadOnlyList<int>? testClasses = null)
    {
        X = x;
        Points = FullyConnectedNetwork.ToDense(x);
        Labels = y;
        TestX = testX is null ? null : FullyConnectedNetwork.ToDense(testX);
        TestLabels = testY;
        Classes = classes;
        TestClasses = testClasses;
    }

    /// <summary>The class index of every training point (classification), or null.</summary>
    public IReadOnlyList<int>? Classes { get; }

    /// <summary>The class index of every test point (classification with test data), or null.</summary>
    public IReadOnlyList<int>? TestClasses { get; }

    /// <summary>The training points as given (kernels read them).</summary>
    public Matrix<double> X { get; }

    /// <summary>The training points in dense storage (the network reads them).</summary>
    public Matrix<double> Points { get; }

    /// <summary>Y, n x c.</summary>
    public Matrix<double> Labels { get; }

    /// <summary>Test points (dense), or null.</summary>
    public Matrix<double>? TestX { get; }

    /// <summary>Test labels, m x c, or null.</summary>
    public Matrix<double>? TestLabels { get; }

    /// <summary>n.</summary>
    /// <summary>The held-out validation points (<see cref="TrainerConfig.ValidationFraction"/>), or null.</summary>
    public Matrix<double>? ValidationX { get; private init; }

    /// <summary>Their labels (n_v x c), or null.</summary>
    public Matrix<double>? ValidationLabels { get; private init; }

    public int Count => X.RowCount;

    /// <summary>d.</summary>
    public int Dimension => X.ColumnCount;

    /// <summary>c.</summary>
    public int Outputs => Labels.ColumnCount;

    /// <summary>Validates shapes and values, naming the parameter, the value and the rule.</summary>
    public static TrainingData Create(Matrix<double> x, Matrix<double> y, Matrix<double>? testX, Matrix<double>? testY)
    {
        Guard.Points(x, nameof(x));
        Guard.NotNull(y, nameof(y));
        Guard.SameCount(y.RowCount, nameof(y), "rows (labels)", x.RowCount, "x (points)");
        Guard.Finite(y, nameof(y));
        if ((testX is null) != (testY is null))
        {
            throw new ArgumentException(
                $"testX and testY must be given together but {(testX is null ? "testX" : "testY")} is null.", testX is null ? nameof(testX) : nameof(testY));
        }

        if (testX is not null && testY is not null)
        {
            Guard.Points(testX, nameof(testX));
            Guard.SameDimension(testX, nameof(testX), x.ColumnCount, "x");
            Guard.SameCount(testY.RowCount, nameof(testY), "rows (labels)", testX.RowCount, "testX (points)");
            Guard.SameCount(testY.ColumnCount, nameof(testY), "columns (outputs)", y.ColumnCount, "y");
            Guard.Finite(testY, nameof(testY));
        }

        return new TrainingData(x, y, testX, testY);
    }

    /// <summary>
    /// Classification data: the labels become centred one-hot targets with one output per class, c the
    /// largest class index in the training and test labels plus one.
    /// </summary>
    public static TrainingData Classify(Matrix<double> x, IReadOnlyList<int> labels, Matrix<double>? testX, IReadOnlyList<int>? testLabels)
    {
        Validation.Guard.NotNull(labels, nameof(labels));
        if (labels.Count == 0)
        {
            throw new ArgumentException("labels must hold one class index per training point but is empty.", nameof(labels));
        }

        var classes = Math.Max(2, Math.Max(labels.Max(), testLabels is { Count: > 0 } ? testLabels.Max() : 0) + 1);
        ClassLabels.Validate(labels, classes, nameof(labels));
        if (testLabels is not null)
        {
            ClassLabels.Validate(testLabels, classes, nameof(testLabels));
        }

        var targets = Create(x, ClassLabels.CentredOneHot(labels, classes), testX, testLabels is null ? null : ClassLabels.CentredOneHot(testLabels, classes));
        return new TrainingData(targets.X, targets.Labels, targets.TestX, targets.TestLabels, labels.ToArray(), testLabels?.ToArray());
    }

    /// <summary>Labels given as a vector: one column (null stays null).</summary>
    /// <summary>
    /// Holds out round(<paramref name="fraction"/> n) points, chosen by a permutation seeded from <paramref name="seed"/>,
    /// as the validation set; the rest (in their original order) is the training set. 0 returns this data unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The split would leave no validation point or fewer than two training points.</exception>
    public TrainingData Split(double fraction, int seed)
    {
        if (fraction == 0)
        {
            return this;
        }

        var n = Count;
        var held = (int)Math.Round(fraction * n);
        if (held < 1 || n - held < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainerConfig.ValidationFraction), fraction,
                $"ValidationFraction {Guard.Format(fraction)} of n = {n} points holds out {held}; at least one must be held out and two kept for training. Use a fraction between {Guard.Format(1.0 / n)} and {Guard.Format((n - 2.0) / n)}, or 0 for no validation.");
        }

        // A seed of its own, so the split does not repeat the network's or the batches' random sequence.
        var random = new Random(unchecked(seed * 7919 + 104_729));
        var permutation = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var validation = permutation.Take(held).Order().ToArray();
        var training = permutation.Skip(held).Order().ToArray();
        Matrix<double> Rows(Matrix<double> m, int[] rows) => Matrix<double>.Build.Dense(rows.Length, m.ColumnCount, (i, j) => m.At(rows[i], j));
        return new TrainingData(Rows(X, training), Rows(Labels, training), TestX, TestLabels,
            Classes is null ? null : training.Select(i => Classes[i]).ToArray(), TestClasses)
        {
            ValidationX = FullyConnectedNetwork.ToDense(Rows(X, validation)),
            ValidationLabels = Rows(Labels, validation),
        };
    }

    public static Matrix<double>? Column(Vector<double>? labels, string parameter)
    {
        if (labels is null)
        {
            return null;
        }

        Guard.Finite(labels, parameter);
        return Matrix<double>.Build.DenseOfColumnVectors(labels);
    }
}
