using SpectrumDsl.Data;
using SpectrumDsl.Persistence;
using SpectrumDsl.Tests.Reliability;
using SpectrumDsl.Training;
using static SpectrumDsl.Tests.Persistence.ModelProblems;

namespace SpectrumDsl.Tests.Persistence;

public class PreprocessorFileTests
{
    public static TheoryData<string> Settings => ["default", "components", "unit-unscaled", "none-uncentred"];

    private static PreprocessOptions OptionsFor(string name) => name switch
    {
        "components" => Options,
        "unit-unscaled" => new PreprocessOptions { Scale = false, Sphere = SphereProjection.Unit },
        "none-uncentred" => new PreprocessOptions { Centre = false, Sphere = SphereProjection.None, AppendConstant = -2.0 },
        _ => new PreprocessOptions(),
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void A_loaded_preprocessor_transforms_bit_identically(string name)
    {
        using var directory = new TempDirectory();
        var preprocessor = Preprocessor.Fit(RawX, OptionsFor(name));
        var path = directory.File(name + ".pre");
        preprocessor.Save(path);
        var loaded = Preprocessor.Load(path);
        Assert.Equal(preprocessor.Options, loaded.Options);
        Assert.Equal(preprocessor.ConstantFeatures, loaded.ConstantFeatures);
        Assert.Equal((preprocessor.InputDimension, preprocessor.OutputDimension), (loaded.InputDimension, loaded.OutputDimension));
        Assert.Equal(preprocessor.Apply(RawTestX).ToColumnMajorArray().Select(ReliabilityProblem.Bits), loaded.Apply(RawTestX).ToColumnMajorArray().Select(ReliabilityProblem.Bits));
    }

    [Fact]
    public void A_preprocessor_file_is_not_a_model()
    {
        using var directory = new TempDirectory();
        var path = directory.File("features.pre");
        Preprocessor.Fit(RawX).Save(path);
        var error = Assert.Throws<ModelFileException>(() => TrainedModel.Load(path));
        Assert.Contains("is a SpectrumDsl preprocessor file", error.Message);
        Assert.Contains("Preprocessor.Load", error.Message);
    }
}
