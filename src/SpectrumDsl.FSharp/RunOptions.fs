namespace SpectrumDsl.FSharp

open System.Threading
open SpectrumDsl.Training
open SpectrumDsl.Training.Checkpoints

/// <summary>
/// How a run reports, stops, saves and restarts: the F# counterpart of the optional arguments of the
/// runtime's <c>Trainer.Run</c> and <c>Trainer.Resume</c>, for <c>Trainer.runWith</c>,
/// <c>Trainer.runOutputsWith</c> and <c>Trainer.classifyWith</c>. Start from <see cref="P:SpectrumDsl.FSharp.RunOptions.Default"/>:
/// <code>
/// let saving = { RunOptions.Default with Checkpoint = Some(CheckpointOptions("run.ckpt", 100)) }
/// let first = config |> Trainer.runWith saving (x, y) None
/// let resumed = config |> Trainer.runWith { saving with ResumeFrom = Some "run.ckpt" } (x, y) None
/// </code>
/// </summary>
type RunOptions =
    { /// Receives the setup warnings and every new training record, on the training thread.
      Progress: (TrainingProgress -> unit) option
      /// Checked between steps only: when cancelled, the run stops before the next update and returns a
      /// result with <c>Cancelled</c> set (a step is never half applied); with <c>Checkpoint</c>, a checkpoint
      /// is saved at that step first.
      CancellationToken: CancellationToken
      /// Save the complete state to <c>Path</c> every <c>Interval</c> steps (each write atomic, so a crash leaves the previous one).
      Checkpoint: CheckpointOptions option
      /// Continue the run saved in this checkpoint file instead of starting a new one. The data and every
      /// setting but <c>Steps</c> must be the original run's (else <c>CheckpointException</c> says which
      /// differs); the result is bit-identical to an uninterrupted run on the same machine.
      ResumeFrom: string option }

    /// <summary>No progress, no cancellation, no checkpoints, a new run: what <c>Trainer.run</c> does.</summary>
    static member Default =
        { Progress = None
          CancellationToken = CancellationToken.None
          Checkpoint = None
          ResumeFrom = None }
