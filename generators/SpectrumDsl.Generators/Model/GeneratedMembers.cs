namespace SpectrumDsl.Generators.Model;

/// <summary>
/// The public members the generator adds to a <c>[ModifiedSpectrum]</c> class, written once for both
/// emitters: the real one, and the stub emitter, which gives a class the generator cannot emit these
/// same members with throwing bodies so that the SPD error is the build's only error.
/// </summary>
internal static class GeneratedMembers
{
    public const string Target = "public static double Target(double lambda, int i, global::SpectrumDsl.TargetContext context)";
    public const string Spec = "public static global::SpectrumDsl.SpectrumSpec Spec";
    public const string BuildKernel = "public static global::SpectrumDsl.Msk.ModifiedSpectrumKernel BuildKernel(global::MathNet.Numerics.LinearAlgebra.Matrix<double> x)";
    public const string BuildPreconditioner = "public static global::SpectrumDsl.Msk.Preconditioner BuildPreconditioner(global::MathNet.Numerics.LinearAlgebra.Matrix<double> x)";

    /// <summary>Only with <c>[WideNetworkTrainer]</c>.</summary>
    public const string TrainerConfig = "public static global::SpectrumDsl.Training.TrainerConfig TrainerConfig";

    /// <summary>Only with <c>[WideNetworkTrainer]</c>.</summary>
    public const string CreateTrainer = "public static global::SpectrumDsl.Training.Trainer CreateTrainer()";

    /// <summary>Every member as (name, declaration), in emission order; the trainer's two only when <paramref name="trainer"/>.</summary>
    public static IEnumerable<(string Name, string Declaration)> All(bool trainer)
    {
        yield return (nameof(Target), Target);
        yield return (nameof(Spec), Spec);
        yield return (nameof(BuildKernel), BuildKernel);
        yield return (nameof(BuildPreconditioner), BuildPreconditioner);
        if (!trainer) yield break;
        yield return (nameof(TrainerConfig), TrainerConfig);
        yield return (nameof(CreateTrainer), CreateTrainer);
    }
}
