using SpectrumDsl.Generators.Model;
using static SpectrumDsl.Generators.CSharpLiterals;
using static SpectrumDsl.Generators.SourceWriter;

namespace SpectrumDsl.Generators;

public sealed partial class SpectrumGenerator
{
    /// <summary>Turns a spec into C# source. Sees only the equatable spec, never Roslyn symbols.</summary>
    internal static class Emitter
    {
        private const string GeneratedCode = DeclarationText.GeneratedCode;

        public static string Emit(SpectrumClassSpec spec)
        {
            var writer = new SourceWriter();
            writer.OpenClass(spec.Namespace, spec.ContainingTypes, spec.Declaration);
            EmitMembers(writer, spec);
            writer.CloseClass(spec.Namespace, spec.ContainingTypes);
            return writer.ToString();
        }

        private static void EmitMembers(SourceWriter writer, SpectrumClassSpec spec)
        {
            var description = Literal(spec.Target.Description);
            var quoted = Xml(spec.Target.Description);

            writer.Line(spec.Target.IsMethod
                ? $"/// <summary>The target eigenvalue for i = 1..{spec.Rank}, computed by <c>{quoted}</c>.</summary>"
                : $"/// <summary>The target eigenvalue for i = 1..{spec.Rank}: <c>{quoted}</c>.</summary>");
            writer.Line("/// <param name=\"lambda\">The original eigenvalue (operator scale).</param>");
            writer.Line("/// <param name=\"i\">The 1-based index of the eigenvalue.</param>");
            writer.Line("/// <param name=\"context\">lambda_1, lambda_k, the rank and the sample count.</param>");
            writer.Line(GeneratedCode);
            writer.Line($"{GeneratedMembers.Target} => {spec.Target.Body};");
            writer.Line();

            writer.Line($"/// <summary>The base kernel ({Xml(KernelDescription(spec.Kernel))}), the target <c>{quoted}</c> and the rank {spec.Rank}.</summary>");
            writer.Line(GeneratedCode);
            writer.Line($"{GeneratedMembers.Spec} {{ get; }} = new global::SpectrumDsl.SpectrumSpec(");
            writer.Line($"    {KernelExpression(spec.Kernel)},");
            writer.Line($"    new global::SpectrumDsl.SpectrumTarget({description}, Target),");
            writer.Line($"    {Int(spec.Rank)});");
            writer.Line();

            writer.Line("/// <summary>Builds the Modified Spectrum Kernel on the samples <paramref name=\"x\"/> (one per row).</summary>");
            writer.Line(GeneratedCode);
            writer.Line($"{GeneratedMembers.BuildKernel} => Spec.BuildKernel(x);");
            writer.Line();
            writer.Line("/// <summary>Builds the preconditioner for gradient descent on the samples <paramref name=\"x\"/> (one per row).</summary>");
            writer.Line(GeneratedCode);
            writer.Line($"{GeneratedMembers.BuildPreconditioner} => Spec.BuildPreconditioner(x);");

            if (spec.Trainer is not { } trainer) return;
            writer.Line();
            writer.Line($"/// <summary>Training settings from <c>{Xml(trainer.AttributeText())}</c>, the network architecture of the kernel and the rank and target of <see cref=\"Spec\"/>; every other property keeps its <see cref=\"global::SpectrumDsl.Training.TrainerConfig\"/> default.</summary>");
            writer.Line(GeneratedCode);
            writer.Line($"{GeneratedMembers.TrainerConfig} {{ get; }} = new global::SpectrumDsl.Training.TrainerConfig");
            writer.Open();
            foreach (var setting in trainer.Settings)
            {
                var value = setting.Source switch
                {
                    TrainerSettingSource.KernelArchitecture => ArchitectureExpression(spec.Kernel),
                    TrainerSettingSource.SpectrumRank => Int(spec.Rank),
                    TrainerSettingSource.SpectrumTarget => "Spec.Target",
                    _ => setting.Expression,
                };
                writer.Line($"{setting.Property} = {value},");
            }
            writer.Close("};");
            writer.Line();
            writer.Line("/// <summary>A trainer configured with <see cref=\"TrainerConfig\"/>.</summary>");
            writer.Line(GeneratedCode);
            writer.Line($"{GeneratedMembers.CreateTrainer} => new global::SpectrumDsl.Training.Trainer(TrainerConfig);");
        }

        private static string KernelExpression(KernelSpec kernel) => kernel.Kind switch
        {
            KernelKind.ReluNtk or KernelKind.ErfNtk => $"{ArchitectureExpression(kernel)}.Ntk()",
            KernelKind.Gaussian => $"new global::SpectrumDsl.Kernels.GaussianKernel({Number(kernel.Bandwidth)})",
            _ => $"new global::SpectrumDsl.Kernels.LaplaceKernel({Number(kernel.Bandwidth)})",
        };

        private static string ArchitectureExpression(KernelSpec kernel) =>
            $"new global::SpectrumDsl.Kernels.NetworkArchitecture(global::SpectrumDsl.Kernels.Activation.{(kernel.Kind == KernelKind.ErfNtk ? "Erf" : "Relu")}, {Int(kernel.Depth)}, {Number(kernel.BiasScale)})";

        private static string KernelDescription(KernelSpec kernel) => kernel.Kind switch
        {
            KernelKind.ReluNtk => $"ReLU NTK, depth {Int(kernel.Depth)}, bias scale {Invariant(kernel.BiasScale)}",
            KernelKind.ErfNtk => $"Erf NTK, depth {Int(kernel.Depth)}, bias scale {Invariant(kernel.BiasScale)}",
            KernelKind.Gaussian => $"Gaussian, bandwidth {Invariant(kernel.Bandwidth)}",
            _ => $"Laplace, bandwidth {Invariant(kernel.Bandwidth)}",
        };
    }
}
