using BenchmarkDotNet.Running;

namespace Itsm.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/Itsm.Benchmarks -- --filter '*'</c>.
/// Every BenchmarkDotNet command-line option works (for example <c>--job dry</c> for a smoke run).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the command line selects.</summary>
    /// <param name="args">BenchmarkDotNet's command-line arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
