using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Persistence;
using SpectrumDsl.Spectra;

namespace SpectrumDsl.Msk;

/// <summary>A spectral modification in a saved kernel file: eigenpairs, target values, context and the target's text.</summary>
public sealed partial class SpectralModification
{
    /// <summary>Writes n, the eigenvalues and eigenvectors, g_1..g_k, delta_(k+1), the target's context and description.</summary>
    internal void Write(BinaryWriter w)
    {
        w.Write(Eigenpairs.IsApproximate);
        SavedBinary.Write(w, Eigenpairs.ValuesView);
        SavedBinary.Write(w, Eigenpairs.VectorsView);
        w.Write(Eigenpairs.NextValue);
        SavedBinary.Write(w, targets);
        w.Write(NextGramValue);
        w.Write(Context.Lambda1);
        w.Write(Context.LambdaK);
        w.Write(Context.Rank);
        w.Write(Context.SampleCount);
        w.Write(Target.Description);
    }

    /// <summary>
    /// The modification <see cref="Write"/> wrote, with the same eigenpairs and targets bit for bit. Its
    /// <see cref="Target"/> is the target text parsed again when that reproduces every stored g_i exactly (a
    /// <c>[ModifiedSpectrum("...")]</c> or <c>SpectrumTarget.Parse</c> target), otherwise <see cref="StoredTarget"/>.
    /// </summary>
    internal static SpectralModification Read(BinaryReader r)
    {
        var approximate = r.ReadBoolean();
        var values = SavedBinary.ReadDoubles(r);
        var vectors = SavedBinary.ReadMatrix(r, "the eigenvectors");
        var nextValue = r.ReadDouble();
        if (values.Length < 1 || vectors.ColumnCount != values.Length || vectors.RowCount < values.Length)
        {
            throw new InvalidDataException($"the eigenpairs hold {values.Length} values and {vectors.RowCount} x {vectors.ColumnCount} vectors");
        }

        var targets = SavedBinary.ReadDoubles(r, values.Length, "the target values g_i");
        var next = r.ReadDouble();
        var context = new TargetContext(r.ReadDouble(), r.ReadDouble(), r.ReadInt32(), r.ReadInt32());
        var description = r.ReadString();
        if (context.Rank != values.Length || context.SampleCount != vectors.RowCount)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"the target's context has rank {context.Rank} and n = {context.SampleCount} but the eigenpairs are {vectors.RowCount} x {values.Length}"));
        }

        var eigenpairs = EigenDecomposition.Detached(vectors.RowCount, values, vectors, approximate, nextValue);
        return new SpectralModification(eigenpairs, targets, next, context, StoredTarget.Restore(description, values, targets, context));
    }
}
