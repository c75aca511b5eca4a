using System.Globalization;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Msk;

/// <summary>
/// The target of a modification read from a file. A target is code (a delegate), and only its description and the
/// values g_1..g_k it gave are stored. When the description is a target expression that reproduces every stored
/// value bit for bit, the parsed expression is the target again. Otherwise (a function target, or a description
/// that is not its expression) the target returns the stored g_i for exactly the (lambda_i, i, context) it was
/// evaluated at and refuses anything else, rather than invent values the original function may not give.
/// </summary>
internal static class StoredTarget
{
    public static SpectrumTarget Restore(string description, IReadOnlyList<double> gramValues, double[] targets, TargetContext context)
    {
        var n = context.SampleCount;
        if (SpectrumTarget.TryParse(description, out var parsed, out _) && Reproduces(parsed, gramValues, targets, context))
        {
            return parsed;
        }

        return new SpectrumTarget(description, (lambda, i, asked) =>
        {
            if (asked == context && i >= 1 && i <= targets.Length && lambda.Equals(gramValues[i - 1] / n))
            {
                return targets[i - 1];
            }

            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The target '{description}' was read from a saved kernel, which keeps only its values g_1..g_{targets.Length} at the saved eigenvalues; it cannot be evaluated at lambda = {Guard.Format(lambda)}, i = {i} for rank {asked.Rank} and n = {asked.SampleCount}. Give the original target (SpectrumTarget.Parse or the function) to build a new kernel."));
        });
    }

    // The same evaluation SpectralModification.TryCreate made: lambda_i = delta_i / n at 1-based i.
    private static bool Reproduces(SpectrumTarget target, IReadOnlyList<double> gramValues, double[] targets, TargetContext context)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(target.Evaluate(gramValues[i] / context.SampleCount, i + 1, context)) != BitConverter.DoubleToInt64Bits(targets[i]))
            {
                return false;
            }
        }

        return true;
    }
}
