using SpectrumDsl.Persistence;

namespace SpectrumDsl.Msk;

/// <summary>A Modified Spectrum Kernel kept in a file: evaluated in another process without its Gram or eigensolver.</summary>
public sealed partial class ModifiedSpectrumKernel
{
    /// <summary>
    /// Saves the kernel to <paramref name="path"/>, atomically and checksummed (docs/reliability.md#saved-models): the base
    /// kernel's description (the NTK or NNGP of a network architecture, or a Gaussian or Laplace kernel with its
    /// bandwidth), the training inputs X, the top-k eigenpairs of the Gram, the target values g_1..g_k with their context
    /// and the target's description. <see cref="Load"/> gives back a kernel whose <see cref="Gram"/>, <see cref="Cross"/>,
    /// <see cref="TrainingCross"/> and <see cref="Eigenfunction"/> are bit-identical to this one's.
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists); its directory must exist.</param>
    /// <exception cref="ArgumentException">The path is empty or its directory does not exist.</exception>
    /// <exception cref="NotSupportedException">The base kernel is not one whose description can be stored (a user's <see cref="Kernels.IKernel"/>, an MSK).</exception>
    /// <exception cref="IOException">Writing failed; a file already at the path is unchanged.</exception>
    public void Save(string path)
    {
        KernelDescription.EnsureSavable(BaseKernel, nameof(BaseKernel));
        ChecksummedFile.Save(path, FileFormats.Kernel, Write, "the kernel");
    }

    /// <summary>
    /// Reads a kernel written by <see cref="Save"/>. Its eigenpairs are those saved (their <c>Residuals</c> cannot be
    /// recomputed without the Gram). Its <see cref="SpectralModification.Target"/> is the target expression parsed again
    /// when that reproduces every saved g_i exactly; a function target comes back as its saved values only, and
    /// evaluating it anywhere else throws (the function itself is code and is not stored).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ModelFileException">
    /// The file is missing, not a kernel file (a model, preprocessor or checkpoint is named as such), of another format
    /// version, truncated, corrupted or inconsistent; the message says which and what to do.
    /// </exception>
    public static ModifiedSpectrumKernel Load(string path)
    {
        return ChecksummedFile.Load(path, FileFormats.Kernel, Read);
    }

    private void Write(BinaryWriter w)
    {
        KernelDescription.Write(w, BaseKernel);
        SavedBinary.Write(w, trainingInputs);
        Modification.Write(w);
    }

    private static ModifiedSpectrumKernel Read(BinaryReader r)
    {
        var baseKernel = KernelDescription.Read(r);
        var x = SavedBinary.ReadMatrix(r, "the training inputs");
        var modification = SpectralModification.Read(r);
        if (modification.SampleCount != x.RowCount)
        {
            throw new InvalidDataException($"the eigenvectors have {modification.SampleCount} entries but there are {x.RowCount} training inputs");
        }

        return new ModifiedSpectrumKernel(baseKernel, x, modification);
    }
}
