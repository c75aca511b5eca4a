using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace SpectrumDsl.Tests.Support;

/// <summary>
/// Runs this test assembly as another process (<c>dotnet SpectrumDsl.Tests.dll command args</c>, dispatched by
/// <see cref="Program"/> to <see cref="ChildCommands"/>): nothing in memory is shared, so what the child computes
/// comes only from the files it is given. Matrices travel as raw doubles (<see cref="MatrixFile"/>), bit for bit.
/// </summary>
internal static class ChildProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs <paramref name="command"/> with <paramref name="arguments"/> in a new process; fails the test unless it exits with 0.</summary>
    public static void Run(string command, params string[] arguments)
    {
        // The SDK names the dotnet host it runs under; outside it, the host on the PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(Timeout))
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"The child process '{command}' did not finish within {Timeout.TotalMinutes} minutes.");
        }

        Assert.True(child.ExitCode == 0, $"The child process '{command}' exited with {child.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        Assert.NotEqual(Environment.ProcessId, child.Id);
    }
}

/// <summary>What the child process does: load a saved object and write what it computes on the given points.</summary>
internal static class ChildCommands
{
    public static int Run(string[] args)
    {
        switch (args[0])
        {
            // predict-model MODEL POINTS OUT: the loaded model's outputs (and for a classifier its classes and scores).
            case "predict-model":
            {
                var model = SpectrumDsl.Training.TrainedModel.Load(args[1]);
                var x = MatrixFile.Read(args[2]);
                var results = new List<Matrix<double>> { model.PredictOutputs(x) };
                if (model.IsClassifier)
                {
                    results.Add(MatrixFile.Column(model.PredictClasses(x)));
                    results.Add(model.ClassScores(x));
                }

                MatrixFile.Write(args[3], results);
                return 0;
            }

            // kernel KERNEL POINTS OUT: the loaded MSK's TrainingCross, Cross with its training inputs, Gram and first eigenfunction.
            case "kernel":
            {
                var kernel = SpectrumDsl.Msk.ModifiedSpectrumKernel.Load(args[1]);
                var points = MatrixFile.Read(args[2]);
                MatrixFile.Write(args[3], Kernel(kernel, points));
                return 0;
            }

            default:
                Console.Error.WriteLine($"unknown child command '{args[0]}'");
                return 2;
        }
    }

    /// <summary>What both processes compute with a kernel, in the same order.</summary>
    public static List<Matrix<double>> Kernel(SpectrumDsl.Msk.ModifiedSpectrumKernel kernel, Matrix<double> points) =>
    [
        kernel.TrainingCross(points),
        kernel.Cross(points, kernel.TrainingInputs),
        kernel.Gram(points),
        Matrix<double>.Build.DenseOfColumnVectors(kernel.Eigenfunction(1, points)),
    ];
}

/// <summary>Matrices as raw little-endian doubles: count, then per matrix rows, columns and the entries column-major.</summary>
internal static class MatrixFile
{
    public static void Write(string path, Matrix<double> matrix) => Write(path, [matrix]);

    public static void Write(string path, IReadOnlyList<Matrix<double>> matrices)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(matrices.Count);
        foreach (var matrix in matrices)
        {
            w.Write(matrix.RowCount);
            w.Write(matrix.ColumnCount);
            foreach (var value in matrix.ToColumnMajorArray())
            {
                w.Write(value);
            }
        }
    }

    public static Matrix<double> Read(string path) => Assert.Single(ReadAll(path));

    public static List<Matrix<double>> ReadAll(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        var count = r.ReadInt32();
        var result = new List<Matrix<double>>();
        for (var m = 0; m < count; m++)
        {
            var rows = r.ReadInt32();
            var columns = r.ReadInt32();
            var values = new double[rows * columns];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = r.ReadDouble();
            }

            result.Add(Matrix<double>.Build.Dense(rows, columns, values));
        }

        return result;
    }

    /// <summary>Integers as one column (exact in a double).</summary>
    public static Matrix<double> Column(IReadOnlyList<int> values) => Matrix<double>.Build.Dense(values.Count, 1, (i, _) => values[i]);

    /// <summary>Asserts that <paramref name="actual"/> holds the same matrices as <paramref name="expected"/>, bit for bit.</summary>
    public static void AssertBitIdentical(IReadOnlyList<Matrix<double>> expected, IReadOnlyList<Matrix<double>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var m = 0; m < expected.Count; m++)
        {
            Assert.Equal((expected[m].RowCount, expected[m].ColumnCount), (actual[m].RowCount, actual[m].ColumnCount));
            Assert.Equal(expected[m].ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits), actual[m].ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
