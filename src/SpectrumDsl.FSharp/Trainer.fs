namespace SpectrumDsl.FSharp

open System
open System.Threading
open MathNet.Numerics.LinearAlgebra
open SpectrumDsl
open SpectrumDsl.Training

/// <summary>Training wide ReLU networks with a <see cref="T:SpectrumDsl.Training.TrainerConfig"/>, as curried, data-last functions.</summary>
/// <remarks>
/// Three label kinds, as in the runtime: <c>run</c> (one value per point), <c>runOutputs</c> (one column per
/// output) and <c>classify</c> (class indices). Each has a <c>...WithTest</c> form that also records the test
/// loss, and a <c>...With</c> form taking <see cref="T:SpectrumDsl.FSharp.RunOptions"/> (progress, cancellation,
/// checkpoints, resuming) and the test data as an option.
/// </remarks>
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Trainer =

    /// <summary>A trainer for <paramref name="config"/>.</summary>
    let create (config: TrainerConfig) = SpectrumDsl.Training.Trainer(config)

    let private reporter (options: RunOptions) : IProgress<TrainingProgress> | null =
        match options.Progress with
        | Some report ->
            { new IProgress<TrainingProgress> with
                member _.Report value = report value }
        | None -> null

    let private testX (test: (Matrix<float> * 'Labels) option) : Matrix<float> | null =
        match test with
        | Some(x, _) -> x
        | None -> null

    let private testLabels (test: (Matrix<float> * 'Labels) option) : 'Labels | null =
        match test with
        | Some(_, labels) -> labels
        | None -> null

    /// <summary>
    /// Trains on the points <paramref name="x"/> (one per row) and values <paramref name="y"/>, with test data
    /// when <paramref name="test"/> is <c>Some(testX, testY)</c> and the progress, cancellation, checkpoints and
    /// resuming of <paramref name="options"/>.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">Shapes, values or configuration are invalid.</exception>
    /// <exception cref="T:SpectrumDsl.Training.TrainingDivergedException">With OnDivergence = Throw only: the loss diverged (by default the run recovers instead).</exception>
    /// <exception cref="T:SpectrumDsl.Training.Checkpoints.CheckpointException">Resuming: the file is missing, damaged, or from another configuration or data.</exception>
    let runWith (options: RunOptions) (x: Matrix<float>, y: Vector<float>) (test: (Matrix<float> * Vector<float>) option) (config: TrainerConfig) : TrainingResult =
        let trainer = create config
        let checkpoint = Option.toObj options.Checkpoint
        match options.ResumeFrom with
        | Some path -> trainer.Resume(path, x, y, testX test, testLabels test, reporter options, options.CancellationToken, checkpoint)
        | None -> trainer.Run(x, y, testX test, testLabels test, reporter options, options.CancellationToken, checkpoint)

    /// <summary>Like <see cref="runWith"/>, with one output per column of the n x c labels <paramref name="y"/> (outputs share one kernel).</summary>
    let runOutputsWith (options: RunOptions) (x: Matrix<float>, y: Matrix<float>) (test: (Matrix<float> * Matrix<float>) option) (config: TrainerConfig) : TrainingResult =
        let trainer = create config
        let checkpoint = Option.toObj options.Checkpoint
        match options.ResumeFrom with
        | Some path -> trainer.Resume(path, x, y, testX test, testLabels test, reporter options, options.CancellationToken, checkpoint)
        | None -> trainer.Run(x, y, testX test, testLabels test, reporter options, options.CancellationToken, checkpoint)

    /// <summary>
    /// Like <see cref="runWith"/> for classification: one output per class, trained on centred one-hot targets of
    /// the class indices <paramref name="labels"/> (0..c-1); the result's <c>TrainClassification</c> (and, with test
    /// data, <c>TestClassification</c>) hold accuracy and confusion.
    /// </summary>
    let classifyWith (options: RunOptions) (x: Matrix<float>, labels: int list) (test: (Matrix<float> * int list) option) (config: TrainerConfig) : TrainingResult =
        let trainer = create config
        let checkpoint = Option.toObj options.Checkpoint
        let test = test |> Option.map (fun (testX, testLabels) -> testX, List.toArray testLabels)
        let labels = List.toArray labels
        match options.ResumeFrom with
        | Some path -> trainer.Resume(path, x, labels, testX test, testLabels test, reporter options, options.CancellationToken, checkpoint)
        | None -> trainer.Run(x, labels, testX test, testLabels test, reporter options, options.CancellationToken, checkpoint)

    /// <summary>Trains on the points <paramref name="x"/> (one per row) and labels <paramref name="y"/>.</summary>
    /// <exception cref="T:System.ArgumentException">Shapes, values or configuration are invalid.</exception>
    /// <exception cref="T:SpectrumDsl.Training.TrainingDivergedException">With OnDivergence = Throw only: the loss diverged (by default the run recovers instead).</exception>
    let run (x: Matrix<float>, y: Vector<float>) (config: TrainerConfig) : TrainingResult =
        runWith RunOptions.Default (x, y) None config

    /// <summary>Like <see cref="run"/>, also recording the loss on (<paramref name="testX"/>, <paramref name="testY"/>).</summary>
    let runWithTest (x: Matrix<float>, y: Vector<float>) (testX: Matrix<float>, testY: Vector<float>) (config: TrainerConfig) : TrainingResult =
        runWith RunOptions.Default (x, y) (Some(testX, testY)) config

    /// <summary>Like <see cref="run"/>, reporting to <paramref name="progress"/> and observing <paramref name="cancellationToken"/>.</summary>
    let runWithProgress (progress: TrainingProgress -> unit) (cancellationToken: CancellationToken) (x: Matrix<float>, y: Vector<float>) (config: TrainerConfig) : TrainingResult =
        runWith { RunOptions.Default with Progress = Some progress; CancellationToken = cancellationToken } (x, y) None config

    /// <summary>Trains a network with one output per column of the n x c labels <paramref name="y"/> (outputs share one kernel).</summary>
    let runOutputs (x: Matrix<float>, y: Matrix<float>) (config: TrainerConfig) : TrainingResult =
        runOutputsWith RunOptions.Default (x, y) None config

    /// <summary>Like <see cref="runOutputs"/>, also recording the loss on (<paramref name="testX"/>, <paramref name="testY"/>).</summary>
    let runOutputsWithTest (x: Matrix<float>, y: Matrix<float>) (testX: Matrix<float>, testY: Matrix<float>) (config: TrainerConfig) : TrainingResult =
        runOutputsWith RunOptions.Default (x, y) (Some(testX, testY)) config

    /// <summary>
    /// Classification: one output per class, trained on centred one-hot targets of the class indices
    /// <paramref name="labels"/>; the result's TrainClassification holds accuracy and confusion (no test data:
    /// TestClassification is null; see <see cref="classifyWithTest"/>).
    /// </summary>
    let classify (x: Matrix<float>, labels: int list) (config: TrainerConfig) : TrainingResult =
        classifyWith RunOptions.Default (x, labels) None config

    /// <summary>Like <see cref="classify"/>, also evaluating (<paramref name="testX"/>, <paramref name="testLabels"/>): TestClassification and every record's test accuracy.</summary>
    let classifyWithTest (x: Matrix<float>, labels: int list) (testX: Matrix<float>, testLabels: int list) (config: TrainerConfig) : TrainingResult =
        classifyWith RunOptions.Default (x, labels) (Some(testX, testLabels)) config

    /// <summary>
    /// The same configuration with another optimizer (for comparing GD and PGD in a pipeline); every
    /// other property is kept (it is C#'s <c>config with { Optimizer = optimizer }</c>).
    /// </summary>
    let withOptimizer (optimizer: Optimizer) (config: TrainerConfig) =
        TrainerConfigUpdate.Optimizer(config, optimizer)
