using BenchmarkDotNet.Running;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*'</c> runs the suite with <see cref="BenchmarkConfig"/>;
/// <c>-- --smoke</c> runs each benchmark once and checks the results (see <see cref="Smoke"/>);
/// <c>-- --cputime [serialization|store|fetch] [Resource,...]</c> runs the comparisons as interleaved CPU-time
/// batches, the store and fetch rows for the named resources only when a list follows (see <see cref="CpuTimeComparison"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--smoke"))
        {
            return Smoke.Run(Console.Out);
        }

        int cpu = Array.IndexOf(args, "--cputime");
        if (cpu >= 0)
        {
            string? group = cpu + 1 < args.Length ? args[cpu + 1] : null;
            string? resources = cpu + 2 < args.Length ? args[cpu + 2] : null;
            return CpuTimeComparison.Run(Console.Out, group, resources?.Split(','));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
        return 0;
    }
}
