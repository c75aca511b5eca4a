namespace SpectrumDsl;

/// <summary>
/// Adds a trainer for a wide ReLU network (requires <see cref="ReluNtkAttribute"/>, whose depth and
/// bias scale the network shares). The generator emits <c>TrainerConfig</c> and <c>CreateTrainer()</c>.
/// Only the properties set here are copied into the emitted <see cref="Training.TrainerConfig"/>
/// (plus depth and bias scale from the kernel, rank and target from <see cref="ModifiedSpectrumAttribute"/>);
/// every other property keeps the <see cref="Training.TrainerConfig"/> default, which the
/// initial values below mirror.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WideNetworkTrainerAttribute : Attribute
{
    /// <summary>Hidden-layer width; at least 1.</summary>
    public int Width { get; set; } = 1024;

    /// <summary>Number of gradient steps; at least 1.</summary>
    public int Steps { get; set; } = 10_000;

    /// <summary>Learning rate; 0 chooses it automatically from the spectrum. Never negative.</summary>
    public double LearningRate { get; set; }

    /// <summary>Plain or preconditioned gradient descent.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Preconditioned;

    /// <summary>
    /// Stop when the training residual falls below this fraction of the initial residual
    /// (see <see cref="Training.TrainerConfig.Tolerance"/>; default 0.05). Never negative.
    /// </summary>
    public double Tolerance { get; set; } = 0.05;

    /// <summary>Seed of the weight initialisation.</summary>
    public int Seed { get; set; }
}
