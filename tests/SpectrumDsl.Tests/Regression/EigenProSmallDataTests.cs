using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Regression;
using Xunit.Abstractions;

namespace SpectrumDsl.Tests.Regression;

public class EigenProSmallDataTests(ITestOutputHelper output)
{
    [Fact]
    public void Default_options_fit_a_small_data_set_in_their_ten_epochs()
    {
        // 300 points on S^2, a degree-3 zonal harmonic, every option at its default. EigenPro's infinite-population step
        // n / beta left a relative residual of 0.887 after ten epochs; the full batch's 1 / lambda_P reaches 1.4e-4.
        var x = Sphere.Sample(300, 3, seed: 1);
        var y = Sphere.ZonalHarmonic(x, 3, Sphere.NorthPole(3));
        var fit = EigenProRegression.Fit(NetworkArchitecture.Relu(1, 1.0).Ntk(), x, y);
        output.WriteLine($"b = {fit.BatchSize} (b* = {fit.StepRule.CriticalBatchSize:G4}), eta = {fit.StepSize:G4}, lambda_P = {fit.StepRule.TopEigenvalue:G4}: "
            + string.Join(", ", fit.Epochs.Select(e => $"{e.Epoch}: {e.RelativeResidual:G3}")));
        Assert.True(fit.Epochs[^1].RelativeResidual < 0.01, $"relative residual {fit.Epochs[^1].RelativeResidual} after {fit.Epochs.Count} epochs");
    }
}
