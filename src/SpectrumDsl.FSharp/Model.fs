namespace SpectrumDsl.FSharp

open MathNet.Numerics.LinearAlgebra
open SpectrumDsl.Data
open SpectrumDsl.Training

/// <summary>
/// Keeping a trained network: save a <see cref="T:SpectrumDsl.Training.TrainingResult"/> (with its preprocessor and
/// target scaler) to one checksummed file, load it in any process as a
/// <see cref="T:SpectrumDsl.Training.TrainedModel"/> and predict on raw points, as curried, data-last functions.
/// </summary>
[<RequireQualifiedAccess>]
module Model =

    /// <summary>
    /// Saves the trained network of <paramref name="result"/> to <paramref name="path"/>, with the preprocessor the training
    /// points went through and (regression) the scaler of the training targets, when given.
    /// </summary>
    /// <exception cref="T:System.ArgumentException">The path's directory does not exist, or a piece does not fit the network or the task.</exception>
    let saveWith (preprocessor: Preprocessor option) (targetScaler: TargetScaler option) (path: string) (result: TrainingResult) : unit =
        result.Save(path, Option.toObj preprocessor, Option.toObj targetScaler)

    /// <summary>Saves the trained network of <paramref name="result"/> alone (points and targets as trained on) to <paramref name="path"/>.</summary>
    let save (path: string) (result: TrainingResult) : unit = saveWith None None path result

    /// <summary>Reads a model saved by <see cref="save"/>, <see cref="saveWith"/> or <c>TrainingResult.Save</c>.</summary>
    /// <exception cref="T:SpectrumDsl.Persistence.ModelFileException">The file is missing, not a model file, of another format version, truncated or corrupted; the message says which.</exception>
    let load (path: string) : TrainedModel = TrainedModel.Load path

    /// <summary>A single-output model's predictions on the raw points <paramref name="x"/>, in the user's units.</summary>
    let predict (x: Matrix<float>) (model: TrainedModel) : Vector<float> = model.Predict x

    /// <summary>The model's outputs on the raw points <paramref name="x"/>, one column per output.</summary>
    let predictOutputs (x: Matrix<float>) (model: TrainedModel) : Matrix<float> = model.PredictOutputs x

    /// <summary>A classifier's predicted class index for each raw point of <paramref name="x"/>.</summary>
    let predictClasses (x: Matrix<float>) (model: TrainedModel) : int list = model.PredictClasses x |> List.ofArray
