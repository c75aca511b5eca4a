namespace ResultsPages;

/// <summary>Every results page, in the order of the index.</summary>
internal static class Catalog
{
    /// <summary>The command that renders the pages.</summary>
    public const string Command = "dotnet run -c Release --project examples/ResultsPages";

    /// <summary>Where pages, reports and images live, relative to the repository root.</summary>
    public static readonly string Folder = Path.Combine("docs", "results");

    public static IReadOnlyList<Page> Pages { get; } =
    [
        new("spectral-bias", "Spectral bias and its removal (examples/SpectralBias)", "SpectralBias",
            "GD against PGD per frequency on the circle, and the same solution", "spectral-bias", ["loss.png", "same-solution.png"],
            SpectralBiasPage.Body, SpectralBiasPage.Headline),
        new("spectral-bias-rank5", "The main example with k = 5: heavy-ball momentum with a spectrum to climb (examples/SpectralBias --rank 5)",
            "SpectralBias --rank 5", "heavy-ball momentum when the flattened spectrum leaves eigenvalues to climb", "spectral-bias-rank5",
            ["loss.png", "same-solution.png"], SpectralBiasPage.Body, SpectralBiasPage.MomentumHeadline),
        new("speedup-regimes", "Two speed-up regimes: ReLU and Erf (examples/SpeedupRegimes)", "SpeedupRegimes",
            "ReLU's polynomial against Erf's exponential speed-up", "speedup-regimes", ["speedup.png"],
            SpeedupRegimesPage.Body, SpeedupRegimesPage.Headline),
        new("fashion-mnist", "Fashion-MNIST, default settings (examples/FashionMnist)", "FashionMnist",
            "GD against PGD on real images, with both kernel limits", "fashion-mnist", ["test-accuracy.png", "test-accuracy-time.png"],
            FashionMnistPage.Body, FashionMnistPage.Headline),
        new("fashion-mnist-full", "Fashion-MNIST at full size (examples/FashionMnist --train 60000)", "FashionMnist --train 60000",
            "the Nystrom path with mini-batches on all 60 000 images", "fashion-mnist-full", ["test-accuracy.png", "test-accuracy-time.png"],
            FashionMnistPage.Body, FashionMnistPage.Headline),
        new("kernel-design", "Kernels with a chosen spectrum against the exact kernel (examples/KernelDesign)", "KernelDesign",
            "an MSK against the exact kernel of a target spectrum, as n grows", "kernel-design", ["msk-error-vs-n.png"],
            KernelDesignPage.Body, KernelDesignPage.Headline),
        new("sphere-spectra", "NTK eigenvalues per degree on the sphere (examples/SphereSpectra)", "SphereSpectra",
            "exact NTK eigenvalues per degree, and the GD steps each needs", "sphere-spectra", [],
            SphereSpectraPage.Body, SphereSpectraPage.Headline),
    ];
}
