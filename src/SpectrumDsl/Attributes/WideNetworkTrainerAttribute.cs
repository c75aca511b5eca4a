namespace SpectrumDsl;

/// <summary>
/// Adds a trainer for a wide ReLU network (requires <see cref="ReluNtkAttribute"/>, whose depth and
/// bias scale the network shares). The generator emits <c>TrainerConfig</c> and <c>CreateTrainer()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WideNetworkTrainerAttribute : Attribute
{
    /// <summary>Hidden-layer width; at least 1.</summary>
    public int Width { get; set; } = 1024;

    /// <summary>Number of gradient steps; at least 1.</summary>
    public int Steps { get; set; } = 1000;

    /// <summary>Learning rate; 0 chooses it automatically from the spectrum. Never negative.</summary>
    public double LearningRate { get; set; }

    /// <summary>Plain or preconditioned gradient descent.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Preconditioned;

    /// <summary>Stop early when the training loss falls below this; 0 never stops early. Never negative.</summary>
    public double Tolerance { get; set; }

    /// <summary>Seed of the weight initialisation.</summary>
    public int Seed { get; set; }
}
