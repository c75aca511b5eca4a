using SpectrumDsl.Generators.Model;
using static SpectrumDsl.Generators.CSharpLiterals;
using static SpectrumDsl.Generators.SourceWriter;

namespace SpectrumDsl.Generators;

public sealed partial class SpectrumGenerator
{
    /// <summary>
    /// For a class with an SPD error: the members the generator would have added, each throwing an
    /// exception that names the error. This keeps the user's code that calls <c>BuildKernel</c>,
    /// <c>Spec</c>, ... compiling, so the SPD error is the only error instead of the first of a cascade
    /// of CS0117 (as the .NET Regex generator still emits a member, a plain <c>new Regex(...)</c>, for a
    /// pattern it cannot turn into code, so that its SYSLIB1044 stands alone). A spectrum with an error
    /// has no meaning to fall back to, hence bodies that throw. (If the error is suppressed with
    /// <c>#pragma warning disable</c>, the build succeeds and the members throw when called.)
    /// </summary>
    internal static class StubEmitter
    {
        public static string Emit(StubClassSpec stub)
        {
            var writer = new SourceWriter();
            writer.OpenClass(stub.Namespace, stub.ContainingTypes, stub.Declaration);
            var failure = Sentence(stub.Failure);
            var summary = $"/// <summary>Not generated, because of error {Xml(failure)} Throws <see cref=\"global::System.InvalidOperationException\"/> until the error is fixed.</summary>";
            var body = $"throw new global::System.InvalidOperationException({Literal(failure + " (The [ModifiedSpectrum] class was not generated: fix the SPD errors the build reports on it.)")})";
            var first = true;
            foreach (var (name, declaration) in GeneratedMembers.All(stub.Trainer))
            {
                if (stub.Declared.Contains(name)) continue;
                if (!first) writer.Line();
                first = false;
                writer.Line(summary);
                writer.Line(DeclarationText.GeneratedCode);
                writer.Line($"{declaration} => {body};");
            }
            writer.CloseClass(stub.Namespace, stub.ContainingTypes);
            return writer.ToString();
        }

        private static string Sentence(string text) => text.EndsWith(".", StringComparison.Ordinal) || text.EndsWith("?", StringComparison.Ordinal) ? text : text + ".";
    }
}
