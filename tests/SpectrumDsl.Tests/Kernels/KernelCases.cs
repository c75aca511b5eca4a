using SpectrumDsl.Kernels;

namespace SpectrumDsl.Tests.Kernels;

/// <summary>Every kernel configuration the consistency tests cover.</summary>
public static class KernelCases
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    public static readonly IReadOnlyDictionary<string, IKernel> All = new Dictionary<string, IKernel>
    {
        ["ntk-1-0"] = new ReluNtkKernel(1, 0.0),
        ["ntk-1-1"] = new ReluNtkKernel(1, 1.0),
        ["ntk-2-0"] = new ReluNtkKernel(2, 0.0),
        ["ntk-2-0.5"] = new ReluNtkKernel(2, 0.5),
        ["ntk-3-1"] = new ReluNtkKernel(3, 1.0),
        ["nngp-1-0"] = new ReluNngpKernel(1, 0.0),
        ["nngp-2-1"] = new ReluNngpKernel(2, 1.0),
        ["nngp-3-0.3"] = new ReluNngpKernel(3, 0.3),
        ["gaussian"] = new GaussianKernel(0.7),
        ["laplace"] = new LaplaceKernel(1.3),
    };
}
