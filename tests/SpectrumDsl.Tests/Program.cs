namespace SpectrumDsl.Tests;

/// <summary>
/// The test assembly's entry point. The test host never calls it; <see cref="Support.ChildProcess"/> starts this
/// assembly as a second process with a command, so that files written by one process are read by another.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => args.Length == 0 ? 0 : Support.ChildCommands.Run(args);
}
