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
        ["ntk-1-0"] = NetworkArchitecture.Relu(1, 0.0).Ntk(),
        ["ntk-1-1"] = NetworkArchitecture.Relu(1, 1.0).Ntk(),
        ["ntk-2-0"] = NetworkArchitecture.Relu(2, 0.0).Ntk(),
        ["ntk-2-0.5"] = NetworkArchitecture.Relu(2, 0.5).Ntk(),
        ["ntk-3-1"] = NetworkArchitecture.Relu(3, 1.0).Ntk(),
        ["nngp-1-0"] = NetworkArchitecture.Relu(1, 0.0).Nngp(),
        ["nngp-2-1"] = NetworkArchitecture.Relu(2, 1.0).Nngp(),
        ["nngp-3-0.3"] = NetworkArchitecture.Relu(3, 0.3).Nngp(),
        ["gaussian"] = new GaussianKernel(0.7),
        ["laplace"] = new LaplaceKernel(1.3),
    };
}
