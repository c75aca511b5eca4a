using SpectrumDsl.Kernels;

namespace SpectrumDsl.Persistence;

/// <summary>
/// A base kernel in a saved file, as the description it is made from: the NTK or NNGP of a
/// <see cref="NetworkArchitecture"/> (activation, depth, bias scale), or a Gaussian or Laplace kernel with its
/// bandwidth. Other kernels (a user's <see cref="IKernel"/>, an MSK of an MSK) have no description to store.
/// </summary>
internal static class KernelDescription
{
    private enum Kind
    {
        Ntk = 1,
        Nngp = 2,
        Gaussian = 3,
        Laplace = 4,
    }

    /// <summary>Whether <paramref name="kernel"/> can be saved, and if not why, naming <paramref name="parameter"/>.</summary>
    public static void EnsureSavable(IKernel kernel, string parameter)
    {
        if (KindOf(kernel) is null)
        {
            throw new NotSupportedException(
                $"{parameter} is a {kernel.GetType().Name} ('{kernel.Name}'), which has no stored description: only the NTK and NNGP of a NetworkArchitecture and the Gaussian and Laplace kernels can be saved. Build the MSK on one of those, or keep the code that builds this kernel.");
        }
    }

    /// <summary>The kernel's kind and parameters, and its name (checked on reading).</summary>
    public static void Write(BinaryWriter w, IKernel kernel)
    {
        var kind = KindOf(kernel) ?? throw new NotSupportedException($"{kernel.GetType().Name} cannot be saved.");
        w.Write((int)kind);
        switch (kernel)
        {
            case NetworkKernel network:
                w.Write((int)network.Architecture.Activation);
                w.Write(network.Architecture.Depth);
                w.Write(network.Architecture.BiasScale);
                break;
            case DistanceKernel distance:
                w.Write(distance.Bandwidth);
                break;
        }

        w.Write(kernel.Name);
    }

    /// <summary>The kernel <see cref="Write"/> described, made again from its description.</summary>
    public static IKernel Read(BinaryReader r)
    {
        var kind = SavedBinary.ReadEnum<Kind>(r);
        IKernel kernel = kind switch
        {
            Kind.Ntk => ReadArchitecture(r).Ntk(),
            Kind.Nngp => ReadArchitecture(r).Nngp(),
            Kind.Gaussian => new GaussianKernel(r.ReadDouble()),
            _ => new LaplaceKernel(r.ReadDouble()),
        };
        var name = r.ReadString();
        return kernel.Name == name ? kernel : throw new InvalidDataException($"the base kernel was saved as '{name}' but its description makes '{kernel.Name}'");
    }

    private static NetworkArchitecture ReadArchitecture(BinaryReader r) => new(SavedBinary.ReadEnum<Activation>(r), r.ReadInt32(), r.ReadDouble());

    private static Kind? KindOf(IKernel kernel) => kernel switch
    {
        NtkKernel => Kind.Ntk,
        NngpKernel => Kind.Nngp,
        GaussianKernel => Kind.Gaussian,
        LaplaceKernel => Kind.Laplace,
        _ => null,
    };
}
