namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>
/// Tests that change <c>LinearAlgebraControl</c> (vector width, threads, packed products) run in this collection,
/// alone: the settings are process-wide, and a forced width changes rounding, which would break a concurrent
/// test's bit-for-bit comparison.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ControlCollection
{
    public const string Name = "LinearAlgebraControl";
}
