using SpectrumDsl.LinearAlgebra;

namespace SpectrumDsl.Tests.LinearAlgebra;

/// <summary>The one control: defaults from the hardware, overrides that nest and restore, and bad values refused.</summary>
[Collection(ControlCollection.Name)]
public class LinearAlgebraControlTests
{
    [Fact]
    public void Defaults_come_from_the_hardware()
    {
        Assert.Equal(LinearAlgebraControl.HardwareWidth, LinearAlgebraControl.Width);
        Assert.Equal(Environment.ProcessorCount, LinearAlgebraControl.Threads);
        Assert.Equal(Environment.ProcessorCount, LinearAlgebraControl.DefaultThreads);
        Assert.True(LinearAlgebraControl.PackedProducts);
        var expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? VectorWidth.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? VectorWidth.Vector256 : VectorWidth.Scalar;
        Assert.Equal(expected, LinearAlgebraControl.HardwareWidth);
    }

    [Fact]
    public void Overrides_nest_and_restore_only_what_they_changed()
    {
        var width = LinearAlgebraControl.Width;
        var threads = LinearAlgebraControl.Threads;
        using (LinearAlgebraControl.Override(width: VectorWidth.Scalar))
        {
            Assert.Equal(VectorWidth.Scalar, LinearAlgebraControl.Width);
            Assert.Equal(threads, LinearAlgebraControl.Threads);
            using (LinearAlgebraControl.Override(threads: 1, packedProducts: false))
            {
                Assert.Equal(VectorWidth.Scalar, LinearAlgebraControl.Width);
                Assert.Equal(1, LinearAlgebraControl.Threads);
                Assert.False(LinearAlgebraControl.PackedProducts);
            }

            Assert.Equal(threads, LinearAlgebraControl.Threads);
            Assert.True(LinearAlgebraControl.PackedProducts);
        }

        Assert.Equal(width, LinearAlgebraControl.Width);
    }

    [Fact]
    public void Zero_threads_are_refused_and_nothing_changes()
    {
        var threads = LinearAlgebraControl.Threads;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LinearAlgebraControl.Override(threads: 0));
        Assert.Equal("threads", error.ParamName);
        Assert.Equal(threads, LinearAlgebraControl.Threads);
    }

    [Fact]
    public void The_eigen_backend_is_described_once_for_the_process()
    {
        Assert.Same(LinearAlgebraControl.Eigen, LinearAlgebraControl.Eigen);
        Assert.Equal(SymmetricEigen.BackendDescription, LinearAlgebraControl.Eigen.Description);
        Assert.Equal(SymmetricEigen.Backend, LinearAlgebraControl.Eigen.Backend);
    }
}
