namespace SpectrumDsl.FSharp

open SpectrumDsl
open SpectrumDsl.Kernels
open SpectrumDsl.Training

/// <summary>
/// An F# record with every property of <see cref="T:SpectrumDsl.Training.TrainerConfig"/> (which is a C#
/// record with init-only properties that F# cannot copy-and-update). What <c>trainer { ... }</c> accumulates.
/// </summary>
type TrainerSettings =
    { Width: int
      Architecture: NetworkArchitecture
      Steps: int
      LearningRate: float
      Optimizer: Optimizer
      Rank: int
      Target: SpectrumTarget
      PreconditionerSource: PreconditionerSource
      Tolerance: float
      Seed: int
      RecordInterval: int
      BatchSize: int }

/// Conversions between <see cref="TrainerSettings"/> and the runtime's TrainerConfig.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module TrainerSettings =

    /// <summary>The settings of <paramref name="config"/>.</summary>
    let ofConfig (config: TrainerConfig) =
        { Width = config.Width
          Architecture = config.Architecture
          Steps = config.Steps
          LearningRate = config.LearningRate
          Optimizer = config.Optimizer
          Rank = config.Rank
          Target = config.Target
          PreconditionerSource = config.PreconditionerSource
          Tolerance = config.Tolerance
          Seed = config.Seed
          RecordInterval = config.RecordInterval
          BatchSize = config.BatchSize }

    /// The runtime's defaults (<c>new TrainerConfig()</c>).
    let defaults = ofConfig (TrainerConfig())

    /// <summary>A runtime TrainerConfig with these settings (not validated).</summary>
    let toConfig (s: TrainerSettings) =
        TrainerConfig(
            Width = s.Width,
            Architecture = s.Architecture,
            Steps = s.Steps,
            LearningRate = s.LearningRate,
            Optimizer = s.Optimizer,
            Rank = s.Rank,
            Target = s.Target,
            PreconditionerSource = s.PreconditionerSource,
            Tolerance = s.Tolerance,
            Seed = s.Seed,
            RecordInterval = s.RecordInterval,
            BatchSize = s.BatchSize)

    /// <summary>A copy of <paramref name="config"/> changed by <paramref name="change"/>.</summary>
    let update (change: TrainerSettings -> TrainerSettings) (config: TrainerConfig) =
        config |> ofConfig |> change |> toConfig
