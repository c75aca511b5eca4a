using System.Runtime.InteropServices;

namespace SpectrumDsl.Examples;

/// <summary>
/// One token for both ways a run is asked to stop: Ctrl+C, which arrives through the command line's
/// token, and a service manager's SIGTERM, linked in here (the process then stops when the run does,
/// not at once).
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration terminate;

    public StopSignal(CancellationToken interrupted)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
    }

    /// <summary>Signalled on Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        terminate.Dispose();
        stop.Dispose();
    }
}
