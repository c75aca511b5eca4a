using System.Runtime.InteropServices;

namespace SpectrumDsl.Examples;

/// <summary>
/// One token for both ways a run is asked to stop, Ctrl+C (SIGINT) and a service manager's SIGTERM: the first
/// signal of either kind cancels the token and the process stops when the run does (between steps, after its
/// checkpoint and message), not at once. A second signal ends the process at once, for a run that does not stop.
/// </summary>
public sealed class StopSignal : IDisposable
{
    /// <summary>The exit code of a run stopped by a signal (128 + SIGINT's number, as a shell reports Ctrl+C).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    public StopSignal(CancellationToken interrupted = default)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Signalled on Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Without Cancel the runtime ends the process at once, the default a second signal keeps.
        context.Cancel = !stop.IsCancellationRequested;
        stop.Cancel();
    }
}
