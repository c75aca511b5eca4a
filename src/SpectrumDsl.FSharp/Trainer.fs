namespace SpectrumDsl.FSharp

open System.Threading
open MathNet.Numerics.LinearAlgebra
open SpectrumDsl
open SpectrumDsl.Training

/// <summary>Training wide ReLU networks with a <see cref="T:SpectrumDsl.Training.TrainerConfig"/>, as curried, data-last functions.</summary>
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Trainer =

    /// <summary>A trainer for <paramref name="config"/>.</summary>
    let create (config: TrainerConfig) = SpectrumDsl.Training.Trainer(config)

    /// <summary>Trains on the points <paramref name="x"/> (one per row) and labels <paramref name="y"/>.</summary>
    /// <exception cref="T:System.ArgumentException">Shapes, values or configuration are invalid.</exception>
    /// <exception cref="T:SpectrumDsl.Training.TrainingDivergedException">The loss became non-finite or kept growing.</exception>
    let run (x: Matrix<float>, y: Vector<float>) (config: TrainerConfig) : TrainingResult =
        (create config).Run(x, y)

    /// <summary>Like <see cref="run"/>, also recording the loss on (<paramref name="testX"/>, <paramref name="testY"/>).</summary>
    let runWithTest (x: Matrix<float>, y: Vector<float>) (testX: Matrix<float>, testY: Vector<float>) (config: TrainerConfig) : TrainingResult =
        (create config).Run(x, y, testX, testY)

    /// <summary>Like <see cref="run"/>, reporting to <paramref name="progress"/> and observing <paramref name="cancellationToken"/>.</summary>
    let runWithProgress (progress: TrainingProgress -> unit) (cancellationToken: CancellationToken) (x: Matrix<float>, y: Vector<float>) (config: TrainerConfig) : TrainingResult =
        let reporter =
            { new System.IProgress<TrainingProgress> with
                member _.Report value = progress value }
        (create config).Run(x, y, null, null, reporter, cancellationToken)

    /// <summary>Trains a network with one output per column of the n x c labels <paramref name="y"/> (outputs share one kernel).</summary>
    let runOutputs (x: Matrix<float>, y: Matrix<float>) (config: TrainerConfig) : TrainingResult =
        (create config).Run(x, y)

    /// <summary>Like <see cref="runOutputs"/>, also recording the loss on (<paramref name="testX"/>, <paramref name="testY"/>).</summary>
    let runOutputsWithTest (x: Matrix<float>, y: Matrix<float>) (testX: Matrix<float>, testY: Matrix<float>) (config: TrainerConfig) : TrainingResult =
        (create config).Run(x, y, testX, testY)

    /// <summary>
    /// Classification: one output per class, trained on centred one-hot targets of the class indices
    /// <paramref name="labels"/>; the result's TrainClassification / TestClassification hold accuracy and confusion.
    /// </summary>
    let classify (x: Matrix<float>, labels: int list) (testX: Matrix<float>, testLabels: int list) (config: TrainerConfig) : TrainingResult =
        (create config).Run(x, List.toArray labels, testX, List.toArray testLabels)

    /// <summary>
    /// The same configuration with another optimizer (for comparing GD and PGD in a pipeline); every
    /// other property is kept (it is C#'s <c>config with { Optimizer = optimizer }</c>).
    /// </summary>
    let withOptimizer (optimizer: Optimizer) (config: TrainerConfig) =
        TrainerConfigUpdate.Optimizer(config, optimizer)
