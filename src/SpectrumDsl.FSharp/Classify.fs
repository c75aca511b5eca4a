namespace SpectrumDsl.FSharp

open MathNet.Numerics.LinearAlgebra
open SpectrumDsl.Classification

/// <summary>Class labels and network outputs, as curried functions over the runtime's classification helpers.</summary>
[<RequireQualifiedAccess>]
module Classify =

    /// <summary>Centred one-hot targets (n x <paramref name="classes"/>): 1 - 1/c at the true class, -1/c elsewhere.</summary>
    let oneHot (classes: int) (labels: int list) : Matrix<float> = ClassLabels.CentredOneHot(List.toArray labels, classes)

    /// <summary>The predicted class of each row of an n x c output matrix (ties to the lowest class).</summary>
    let predict (outputs: Matrix<float>) : int list = ClassLabels.Argmax outputs |> List.ofArray

    /// <summary>The fraction of <paramref name="predicted"/> equal to <paramref name="labels"/>.</summary>
    let accuracy (labels: int list) (predicted: int list) : float =
        ClassificationMetrics.Accuracy(List.toArray labels, List.toArray predicted)

    /// <summary>Accuracy, confusion matrix and recall of the outputs' argmax against <paramref name="labels"/>.</summary>
    let report (labels: int list) (outputs: Matrix<float>) : ClassificationReport =
        ClassificationMetrics.Evaluate(List.toArray labels, outputs)
