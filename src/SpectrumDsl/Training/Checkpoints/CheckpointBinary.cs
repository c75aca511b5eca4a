using MathNet.Numerics.LinearAlgebra;
using SpectrumDsl.Spectra;
using SpectrumDsl.Training.Loop;
using static SpectrumDsl.Persistence.SavedBinary;

namespace SpectrumDsl.Training.Checkpoints;

/// <summary>The checkpoint payload's pieces, each written and read by one pair of methods (little-endian BinaryWriter/Reader).</summary>
internal static class CheckpointBinary
{
    public static void Write(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var value in values)
        {
            w.Write(value);
        }
    }

    public static double[] ReadDoubles(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(double))
        {
            throw new EndOfStreamException($"an array announces {count} values, more than the payload holds");
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }

    public static void Write(BinaryWriter w, SetupRecord setup)
    {
        var top = setup.Top;
        w.Write(top.SampleCount);
        w.Write(top.IsApproximate);
        Write(w, top.ValuesView);
        Write(w, top.VectorsView.AsColumnMajorArray() ?? top.VectorsView.ToColumnMajorArray());
        w.Write(setup.SubsampleIndices is not null);
        if (setup.SubsampleIndices is { } indices && setup.SubsampleCoefficients is { } coefficients)
        {
            Write(w, indices.Select(index => (double)index).ToArray());
            w.Write(coefficients.ColumnCount);
            Write(w, coefficients.AsColumnMajorArray() ?? coefficients.ToColumnMajorArray());
        }

        w.Write(setup.StepSize);
        w.Write(setup.Momentum);
        w.Write(setup.NetworkMaxEigenvalue);
        w.Write(setup.RealisableSpeedupShare);
        WriteOptional(w, setup.PredictedSteps);
        w.Write(setup.PredictionIsLowerBound);
        var resolution = setup.Resolution;
        w.Write(resolution.Width);
        w.Write(resolution.SampleCount);
        w.Write(resolution.Fluctuation);
        w.Write(resolution.FrobeniusError);
        w.Write(resolution.UnresolvedEnergy);
        w.Write(resolution.UnresolvedDirections);
        WriteOptional(w, resolution.RequiredWidth);
        w.Write(resolution.IsResolved);
        w.Write(setup.Warnings.Count);
        foreach (var warning in setup.Warnings)
        {
            w.Write(warning);
        }
    }

    public static SetupRecord ReadSetup(BinaryReader r)
    {
        var n = r.ReadInt32();
        var approximate = r.ReadBoolean();
        var values = ReadDoubles(r);
        var vectors = ReadDoubles(r);
        if (n < 1 || values.Length < 1 || vectors.Length != (long)n * values.Length)
        {
            throw new EndOfStreamException($"the eigenpairs announce {values.Length} values of length {n} but hold {vectors.Length} entries");
        }

        var top = EigenDecomposition.Detached(n, values, Matrix<double>.Build.Dense(n, values.Length, vectors), approximate);
        int[]? indices = null;
        Matrix<double>? coefficients = null;
        if (r.ReadBoolean())
        {
            indices = Array.ConvertAll(ReadDoubles(r), value => (int)value);
            var columns = r.ReadInt32();
            var entries = ReadDoubles(r);
            if (columns < 1 || entries.Length != (long)indices.Length * columns || indices.Any(index => index < 0 || index >= n))
            {
                throw new EndOfStreamException($"the Nystrom subsample announces {indices.Length} points and {columns} coefficient columns but holds {entries.Length} entries");
            }

            coefficients = Matrix<double>.Build.Dense(indices.Length, columns, entries);
        }

        var stepSize = r.ReadDouble();
        var momentum = r.ReadDouble();
        var networkMax = r.ReadDouble();
        var share = r.ReadDouble();
        var predicted = ReadOptionalInt(r);
        var lowerBound = r.ReadBoolean();
        var resolution = new NtkResolution(r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt32(),
            ReadOptionalInt(r), r.ReadBoolean());
        var warnings = new string[ReadCount(r)];
        for (var i = 0; i < warnings.Length; i++)
        {
            warnings[i] = r.ReadString();
        }

        return new SetupRecord(top, indices, coefficients, stepSize, momentum, networkMax, share, predicted, lowerBound, resolution, warnings);
    }

    public static void Write(BinaryWriter w, RunState state)
    {
        w.Write(state.Step);
        Write(w, state.Parameters);
        Write(w, state.LastGood);
        Write(w, state.PreviousParameters);
        w.Write(state.PreviousLoss);
        w.Write(state.LastGoodLoss);
        w.Write(state.InitialLoss);
        w.Write(state.InitialNorm);
        w.Write(state.Growth);
        w.Write(state.Shuffles);
        w.Write(state.Position);
        w.Write(state.ElapsedTicks);
        w.Write(state.Records.Count);
        foreach (var record in state.Records)
        {
            Write(w, record);
        }

        w.Write(state.Milestones.Count);
        foreach (var milestone in state.Milestones)
        {
            w.Write(milestone.Tolerance);
            w.Write(milestone.Step);
            w.Write(milestone.RelativeResidual);
            Write(w, milestone.Parameters.ToArray());
        }

        w.Write(state.StepSize);
        w.Write(state.LastGoodStep);
        w.Write(state.StepSizeChanges.Count);
        foreach (var change in state.StepSizeChanges)
        {
            w.Write(change.Step);
            w.Write(change.RestoredStep);
            w.Write(change.From);
            w.Write(change.To);
            w.Write(change.Loss);
        }

        w.Write(state.BestValidationLoss);
        w.Write(state.BestValidationStep);
        Write(w, state.BestValidationParameters);
        w.Write(state.RecordsSinceBest);
        w.Write(state.Setbacks);
    }

    /// <summary>
    /// The run state of a checkpoint of format <paramref name="version"/>; before version 5 its step size is NaN (the
    /// setup's) and it has no recoveries; before version 6 its count of setbacks starts at 0.
    /// </summary>
    public static RunState ReadState(BinaryReader r, int version)
    {
        var state = new RunState
        {
            Step = r.ReadInt32(), Parameters = ReadDoubles(r), LastGood = ReadDoubles(r), PreviousParameters = ReadDoubles(r), PreviousLoss = r.ReadDouble(), LastGoodLoss = r.ReadDouble(),
            InitialLoss = r.ReadDouble(), InitialNorm = r.ReadDouble(), Growth = r.ReadInt32(), Shuffles = r.ReadInt64(), Position = r.ReadInt32(),
            ElapsedTicks = r.ReadInt64(),
        };
        var count = ReadCount(r);
        for (var i = 0; i < count; i++)
        {
            state.Records.Add(ReadRecord(r, version));
        }

        var milestones = ReadCount(r);
        for (var i = 0; i < milestones; i++)
        {
            state.Milestones.Add(new ToleranceMilestone(r.ReadDouble(), r.ReadInt32(), r.ReadDouble(), ReadDoubles(r)));
        }

        if (version < 5)
        {
            state.StepSize = double.NaN;
            return state;
        }

        state.StepSize = r.ReadDouble();
        state.LastGoodStep = r.ReadInt32();
        var changes = ReadCount(r);
        for (var i = 0; i < changes; i++)
        {
            state.StepSizeChanges.Add(new StepSizeChange(r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble()));
        }

        state.BestValidationLoss = r.ReadDouble();
        state.BestValidationStep = r.ReadInt32();
        state.BestValidationParameters = ReadDoubles(r);
        state.RecordsSinceBest = r.ReadInt32();
        if (version >= 6)
        {
            state.Setbacks = r.ReadInt32();
        }

        return state;
    }

    private static void Write(BinaryWriter w, TrainingRecord record)
    {
        w.Write(record.Step);
        w.Write(record.TrainLoss);
        WriteOptional(w, record.TestLoss);
        w.Write(record.RelativeResidual);
        Write(w, record.EigenProjections.ToArray());
        w.Write(record.ResidualOutsideTop);
        w.Write(record.StepSize);
        w.Write(record.Elapsed.Ticks);
        Write(w, record.OutputTrainLosses.ToArray());
        WriteOptional(w, record.TrainAccuracy);
        WriteOptional(w, record.TestAccuracy);
        w.Write(record.StepSizeReduced);
        WriteOptional(w, record.ValidationLoss);
    }

    private static TrainingRecord ReadRecord(BinaryReader r, int version)
    {
        var step = r.ReadInt32();
        var trainLoss = r.ReadDouble();
        var testLoss = ReadOptionalDouble(r);
        return new TrainingRecord(step, trainLoss, testLoss, r.ReadDouble(), ReadDoubles(r), r.ReadDouble(), r.ReadDouble(), TimeSpan.FromTicks(r.ReadInt64()))
        {
            OutputTrainLosses = ReadDoubles(r),
            TrainAccuracy = ReadOptionalDouble(r),
            TestAccuracy = ReadOptionalDouble(r),
            StepSizeReduced = version >= 5 && r.ReadBoolean(),
            ValidationLoss = version >= 5 ? ReadOptionalDouble(r) : null,
        };
    }

    private static int ReadCount(BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new EndOfStreamException($"a list announces {count} entries, more than the payload holds");
        }

        return count;
    }
}
