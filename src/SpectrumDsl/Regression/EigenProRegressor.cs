using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Validation;

namespace SpectrumDsl.Regression;

/// <summary>
/// A kernel expansion F(x) = K(x, X) alpha fitted by <c>EigenProRegression.Fit</c>, with the record of the fit:
/// the subsample spectrum, the step and batch size it chose and the loss after every epoch.
/// </summary>
public sealed class EigenProRegressor
{
    private readonly KernelBlocks blocks;
    private readonly Matrix<double>[] coefficients;
    private readonly int[] order;

    internal EigenProRegressor(KernelBlocks blocks, Matrix<double>[] coefficients, int[] order, IKernel kernel, EigenProFit fit)
    {
        this.blocks = blocks;
        this.coefficients = coefficients;
        this.order = order;
        Kernel = kernel;
        Spectrum = fit.Spectrum;
        StepRule = fit.StepRule;
        BatchSize = fit.BatchSize;
        StepSize = fit.StepSize;
        SubsampleIndices = Array.AsReadOnly(fit.SubsampleIndices);
        Epochs = fit.Epochs.AsReadOnly();
        Converged = fit.Converged;
        Cancelled = fit.Cancelled;
    }

    /// <summary>The kernel K of the expansion (the base kernel: preconditioning changes the path, not the model).</summary>
    public IKernel Kernel { get; }

    /// <summary>c, the number of outputs (label columns).</summary>
    public int OutputCount => coefficients[0].ColumnCount;

    /// <summary>n, the number of training points.</summary>
    public int SampleCount => blocks.Count;

    /// <summary>
    /// The subsample eigensystem and its targets: eigenpairs (sigma_i, u_i) of K(X_S, X_S) (its
    /// <see cref="SpectralModification.SampleCount"/> is s, so <c>Eigenpairs.OperatorValues</c> are sigma_i / s, the
    /// Nystrom estimates of lambda_i), the targets g_i and the gap ratio at the rank.
    /// </summary>
    public SpectralModification Spectrum { get; }

    /// <summary>The indices (into the training points, ascending) of the s subsample points.</summary>
    public IReadOnlyList<int> SubsampleIndices { get; }

    /// <summary>beta, lambda_P and the step rule the fit used.</summary>
    public EigenProStepRule StepRule { get; }

    /// <summary>b, points per update (chosen automatically or given).</summary>
    public int BatchSize { get; }

    /// <summary>eta = <see cref="EigenProStepRule.StepSize"/>(b): each batch coefficient moves by -(eta / b) times its residual.</summary>
    public double StepSize { get; }

    /// <summary>Epoch 0 (before any update) and one record per completed epoch.</summary>
    public IReadOnlyList<EigenProEpoch> Epochs { get; }

    /// <summary>True when the fit stopped because the relative residual reached <see cref="EigenProOptions.Tolerance"/>.</summary>
    public bool Converged { get; }

    /// <summary>True when the cancellation token stopped the fit; the coefficients are those after the last complete batch.</summary>
    public bool Cancelled { get; }

    /// <summary>alpha, n x c, one row per training point in the order of the training data (a copy).</summary>
    public Matrix<double> CoefficientMatrix => blocks.Assemble(coefficients, order);

    /// <summary>F(X*) = K(X*, X) alpha, one row per new point and one column per output, computed in blocks (never m x n at once).</summary>
    public Matrix<double> PredictOutputs(Matrix<double> xNew)
    {
        Guard.Points(xNew, nameof(xNew));
        Guard.SameDimension(xNew, nameof(xNew), blocks.Dimension, "the training points");
        return blocks.Predict(xNew, coefficients);
    }

    /// <summary>f(X*) of a single-output fit.</summary>
    public Vector<double> Predict(Matrix<double> xNew)
    {
        if (OutputCount != 1)
        {
            throw new InvalidOperationException($"This model has {OutputCount} outputs; use {nameof(PredictOutputs)} for a matrix with one column per output.");
        }

        return PredictOutputs(xNew).Column(0);
    }
}

/// <summary>What a fit found besides the coefficients, handed to the model.</summary>
internal sealed record EigenProFit(
    SpectralModification Spectrum,
    EigenProStepRule StepRule,
    int BatchSize,
    double StepSize,
    int[] SubsampleIndices,
    List<EigenProEpoch> Epochs,
    bool Converged,
    bool Cancelled);
