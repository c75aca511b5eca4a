namespace SpectrumDsl.Data;

/// <summary>Which sphere <see cref="Preprocessor"/> puts the points on.</summary>
public enum SphereProjection
{
    /// <summary>
    /// Radius sqrt(d), so x.x / d = 1 (d the output dimension): the first layer sees x.z / d, so the
    /// data part of the input kernel Sigma0 = x.z / d + beta^2 is of the order of beta^2. The usual
    /// NTK setting, and the default.
    /// </summary>
    RadiusSqrtDimension,

    /// <summary>
    /// The unit sphere |x| = 1, where the sphere spectra of the theory are stated. In high dimension the
    /// data part x.z / d of Sigma0 is then at most 1/d against beta^2 and the kernel barely sees the data;
    /// use it with a small bias scale, or for comparisons with unit-sphere formulas.
    /// </summary>
    Unit,

    /// <summary>No projection: the points keep their norms after centring, scaling and projection.</summary>
    None,
}

/// <summary>
/// The steps <see cref="Preprocessor.Fit"/> learns from training data, applied in this order: centre,
/// scale, project onto principal directions, append a constant coordinate, project onto a sphere.
/// </summary>
public sealed record PreprocessOptions
{
    /// <summary>Subtract the training mean of each feature (default true).</summary>
    public bool Centre { get; init; } = true;

    /// <summary>
    /// Divide each feature by its training standard deviation (population form, dividing by n; default
    /// true). A feature constant on the training data is left unscaled (as scikit-learn's StandardScaler
    /// does), since there is no spread to divide by. For images, whose pixels share one unit, false is often
    /// better: rarely-lit border pixels would otherwise be blown up to the scale of the informative ones.
    /// </summary>
    public bool Scale { get; init; } = true;

    /// <summary>
    /// p: keep only the coordinates along the top p principal directions of the centred (and scaled)
    /// training data, for example 784 -> 100; null (default) keeps every feature. At most
    /// min(d, n - 1): n centred points span at most n - 1 directions. Needs <see cref="Centre"/>.
    /// </summary>
    public int? Components { get; init; }

    /// <summary>
    /// A constant appended as one more coordinate before the sphere projection (null, the default, appends
    /// none). Every point then shares a fixed component, which acts like a bias term in a kernel on the
    /// sphere, and no point can be zero.
    /// </summary>
    public double? AppendConstant { get; init; }

    /// <summary>The sphere the points end on (default <see cref="SphereProjection.RadiusSqrtDimension"/>).</summary>
    public SphereProjection Sphere { get; init; } = SphereProjection.RadiusSqrtDimension;
}
