using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Data;
using SpectrumDsl.Kernels;
using SpectrumDsl.Msk;
using SpectrumDsl.Persistence;
using SpectrumDsl.Tests.Reliability;
using SpectrumDsl.Tests.Support;
using SpectrumDsl.Training;

namespace SpectrumDsl.Tests.Persistence;

public class KernelFileTests
{
    // n = 80 on S^2 and k = 9 = 1 + 3 + 5: the harmonics of degrees 0 to 2, a rank at a gap.
    private static readonly Matrix<double> X = Sphere.Sample(80, 3, seed: 7);
    private static readonly Matrix<double> Points = Sphere.Sample(15, 3, seed: 8);
    private static readonly IKernel Base = NetworkArchitecture.Relu(2, 0.5).Ntk();

    private static long[] Bits(Matrix<double> matrix) => matrix.ToColumnMajorArray().Select(ReliabilityProblem.Bits).ToArray();

    [Fact]
    public void A_kernel_saved_here_evaluates_bit_identically_in_another_process()
    {
        using var directory = new TempDirectory();
        var msk = ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.Parse("lambda_k"), 9);
        var path = directory.File("flat.msk");
        msk.Save(path);
        MatrixFile.Write(directory.File("points.bin"), Points);

        ChildProcess.Run("kernel", path, directory.File("points.bin"), directory.File("out.bin"));

        MatrixFile.AssertBitIdentical(ChildCommands.Kernel(msk, Points), MatrixFile.ReadAll(directory.File("out.bin")));
    }

    [Fact]
    public void A_loaded_kernel_keeps_its_base_kernel_inputs_eigenpairs_and_parsed_target()
    {
        using var directory = new TempDirectory();
        var msk = ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.Parse("lambda_1 * i^-2"), 9);
        var path = directory.File("power.msk");
        msk.Save(path);
        var loaded = ModifiedSpectrumKernel.Load(path);

        Assert.Equal(msk.Name, loaded.Name);
        Assert.Equal(NetworkArchitecture.Relu(2, 0.5), Assert.IsType<NtkKernel>(loaded.BaseKernel).Architecture);
        Assert.Equal(Bits(X), Bits(loaded.TrainingInputs));
        var (a, b) = (msk.Modification, loaded.Modification);
        Assert.Equal(a.Eigenpairs.Values.Select(ReliabilityProblem.Bits), b.Eigenpairs.Values.Select(ReliabilityProblem.Bits));
        Assert.Equal(Bits(a.Eigenpairs.Vectors), Bits(b.Eigenpairs.Vectors));
        Assert.Equal(a.TargetValues.Select(ReliabilityProblem.Bits), b.TargetValues.Select(ReliabilityProblem.Bits));
        Assert.Equal((a.NextGramValue, a.Eigenpairs.NextValue, a.GapRatio, a.Context), (b.NextGramValue, b.Eigenpairs.NextValue, b.GapRatio, b.Context));
        Assert.Equal(Bits(msk.TrainingGram()), Bits(loaded.TrainingGram()));
        var r = Vector<double>.Build.Dense(80, i => Math.Sin(i));
        Assert.Equal(msk.Preconditioner.Apply(r).Select(ReliabilityProblem.Bits), loaded.Preconditioner.Apply(r).Select(ReliabilityProblem.Bits));

        // The expression text reproduced every g_i, so the target is the expression again: it evaluates anywhere.
        var context = new TargetContext(0.5, 0.1, 3, 10);
        Assert.Equal("lambda_1 * i^-2", b.Target.Description);
        Assert.Equal(0.5 / 4, b.Target.Evaluate(0.2, 2, context), 15);
    }

    [Fact]
    public void A_function_target_comes_back_as_its_saved_values_only()
    {
        using var directory = new TempDirectory();
        var doubled = new SpectrumTarget("twice lambda_k", static (_, _, c) => 2 * c.LambdaK);
        var msk = ModifiedSpectrumKernel.Build(Base, X, doubled, 9);
        var path = directory.File("function.msk");
        msk.Save(path);
        var target = ModifiedSpectrumKernel.Load(path).Modification.Target;

        Assert.Equal("twice lambda_k", target.Description);
        var m = msk.Modification;
        for (var i = 1; i <= 9; i++)
        {
            Assert.Equal(m.TargetValues[i - 1], target.Evaluate(m.Eigenpairs.Values[i - 1] / 80, i, m.Context));
        }

        var error = Assert.Throws<InvalidOperationException>(() => target.Evaluate(0.3, 1, m.Context));
        Assert.Contains("saved kernel", error.Message);
        Assert.Contains("'twice lambda_k'", error.Message);
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("laplace")]
    [InlineData("nngp")]
    public void Distance_and_nngp_base_kernels_are_saved_by_their_description(string name)
    {
        using var directory = new TempDirectory();
        IKernel kernel = name switch
        {
            "gaussian" => new GaussianKernel(0.7),
            "laplace" => new LaplaceKernel(1.3),
            _ => NetworkArchitecture.Erf(1, 1.0).Nngp(),
        };
        var x = Numerics.RandomPoints(40, 3, seed: 4);
        var msk = ModifiedSpectrumKernel.Build(kernel, x, SpectrumTarget.FlattenTop, 4);
        var path = directory.File(name + ".msk");
        msk.Save(path);
        var loaded = ModifiedSpectrumKernel.Load(path);
        Assert.Equal(kernel.GetType(), loaded.BaseKernel.GetType());
        Assert.Equal(kernel.Name, loaded.BaseKernel.Name);
        var points = Numerics.RandomPoints(6, 3, seed: 5);
        Assert.Equal(Bits(msk.Cross(points, x)), Bits(loaded.Cross(points, x)));
    }

    [Fact]
    public void Kernels_without_a_stored_description_are_refused_before_anything_is_written()
    {
        using var directory = new TempDirectory();
        var inner = ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.FlattenTop, 4);
        var outer = ModifiedSpectrumKernel.Build(inner, X, SpectrumTarget.FlattenTop, 4);
        var path = directory.File("nested.msk");
        var error = Assert.Throws<NotSupportedException>(() => outer.Save(path));
        Assert.Contains("ModifiedSpectrumKernel", error.Message);
        Assert.Contains("Gaussian and Laplace", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Damaged_or_misplaced_kernel_files_are_refused_naming_the_file()
    {
        using var directory = new TempDirectory();
        var path = directory.File("flat.msk");
        ModifiedSpectrumKernel.Build(Base, X, SpectrumTarget.FlattenTop, 4).Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<ModelFileException>(() => ModifiedSpectrumKernel.Load(path));
        Assert.Contains($"Kernel file '{path}' is truncated", truncated.Message);
        Assert.Contains("ModifiedSpectrumKernel.Build", truncated.Message);

        File.WriteAllBytes(path, bytes);
        var asModel = Assert.Throws<ModelFileException>(() => TrainedModel.Load(path));
        Assert.Contains("is a SpectrumDsl Modified Spectrum Kernel file", asModel.Message);
        Assert.Contains("ModifiedSpectrumKernel.Load", asModel.Message);
    }
}
