using System.Diagnostics;

namespace SpectrumDsl.Training;

/// <summary>One part of a run's setup and the wall time it took (<see cref="TrainingResult.SetupPhases"/>).</summary>
/// <param name="Name">What was done, for example "Nystrom eigensystem" or "network operator (Lanczos)".</param>
/// <param name="Seconds">Wall time.</param>
public sealed record SetupPhase(string Name, double Seconds);

/// <summary>Times the parts of a setup in order, so a slow setup says where its time went.</summary>
internal sealed class SetupClock
{
    private readonly List<SetupPhase> phases = [];

    public IReadOnlyList<SetupPhase> Phases => phases;

    public T Time<T>(string name, Func<T> work)
    {
        var watch = Stopwatch.StartNew();
        var result = work();
        phases.Add(new SetupPhase(name, watch.Elapsed.TotalSeconds));
        return result;
    }
}
