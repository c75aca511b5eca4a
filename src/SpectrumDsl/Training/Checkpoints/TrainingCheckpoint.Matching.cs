namespace SpectrumDsl.Training.Checkpoints;

/// <summary>Whether a checkpoint belongs to the run about to continue from it.</summary>
internal sealed partial class TrainingCheckpoint
{
    /// <summary>
    /// Refuses the checkpoint at <paramref name="path"/> unless it was written for this configuration (only the
    /// step budget may differ, and not fall below the checkpoint's step), target, training and test data, and a
    /// network of <paramref name="parameterCount"/> parameters.
    /// </summary>
    /// <exception cref="CheckpointException">Names what differs and what to pass instead.</exception>
    public void EnsureMatches(string path, TrainerConfig config, RunFingerprint current, int parameterCount)
    {
        if (!Fingerprint.ConfigHash.AsSpan().SequenceEqual(current.ConfigHash))
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written with another configuration: {DescribeDifferences(Fingerprint.ConfigText, current.ConfigText)}. Resume with the original TrainerConfig (only Steps and OnDivergence may change).");
        }

        if (TargetDescription != config.Target.Description)
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written for target '{TargetDescription}' but the configuration's target is '{config.Target.Description}'. Resume with the original target.");
        }

        if (!Fingerprint.DataHash.AsSpan().SequenceEqual(current.DataHash))
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written for other training data ({SampleCount} x {Dimension} points with {Outputs} label column(s); x and y are compared by SHA-256) than the x and y given now. Resume with exactly the original x and y.");
        }

        if (!Fingerprint.TestDataHash.AsSpan().SequenceEqual(current.TestDataHash))
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' was written with other test data (testX, testY; compared by SHA-256, all zeros for none). Resume with the original test data, or none if the run had none.");
        }

        if (State.Step > config.Steps || State.Parameters.Length != parameterCount || State.LastGood.Length != parameterCount)
        {
            throw new CheckpointException(path,
                $"Checkpoint '{path}' is at step {State.Step} with {State.Parameters.Length} parameters, but the configuration allows {config.Steps} steps and the network has {parameterCount} parameters. Raise Steps to at least {State.Step}.");
        }
    }

    /// <summary>The "Name=value" lines of <paramref name="mine"/> that differ from <paramref name="theirs"/>.</summary>
    public static string DescribeDifferences(string theirs, string mine)
    {
        static Dictionary<string, string> Parse(string text) =>
            text.Split('\n').Select(line => line.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var a = Parse(theirs);
        var b = Parse(mine);
        var names = a.Keys.Concat(b.Keys).Distinct(StringComparer.Ordinal).OrderBy(key => key, StringComparer.Ordinal);
        var parts = names
            .Where(name => !a.TryGetValue(name, out var x) || !b.TryGetValue(name, out var y) || x != y)
            .Select(name => $"{name} = {(a.TryGetValue(name, out var x) ? x : "(absent)")} in the checkpoint but {(b.TryGetValue(name, out var y) ? y : "(absent)")} now");
        return string.Join("; ", parts);
    }
}
