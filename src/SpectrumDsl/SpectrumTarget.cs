namespace SpectrumDsl;

/// <summary>
/// A target spectrum g(lambda, i, context): the operator-scale eigenvalue that replaces the
/// i-th (1-based) eigenvalue lambda of the base kernel.
/// </summary>
public sealed class SpectrumTarget
{
    private readonly Func<double, int, TargetContext, double> function;

    /// <summary>Wraps a function as a target.</summary>
    /// <param name="description">How the target reads (for reports), for example the expression text.</param>
    /// <param name="function">g(lambda, i, context).</param>
    public SpectrumTarget(string description, Func<double, int, TargetContext, double> function)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(function);
        Description = description;
        this.function = function;
    }

    /// <summary>How the target reads, for example <c>lambda_k</c>.</summary>
    public string Description { get; }

    /// <summary>The identity target g = lambda: the modified kernel equals the base kernel.</summary>
    public static SpectrumTarget Identity { get; } = new("lambda", static (lambda, _, _) => lambda);

    /// <summary>Flattens the top k eigenvalues to lambda_k (EigenPro's choice).</summary>
    public static SpectrumTarget FlattenTop { get; } = new("lambda_k", static (_, _, context) => context.LambdaK);

    /// <summary>The target eigenvalue for eigenvalue <paramref name="lambda"/> at 1-based index <paramref name="i"/>.</summary>
    public double Evaluate(double lambda, int i, TargetContext context) => function(lambda, i, context);

    /// <inheritdoc />
    public override string ToString() => Description;
}
