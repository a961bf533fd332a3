using BenchmarkDotNet.Running;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*'</c> runs the suite with <see cref="BenchmarkConfig"/>;
/// <c>-- --smoke</c> runs each benchmark once and checks the results (see <see cref="Smoke"/>);
/// <c>-- --cputime [serialization|store|fetch]</c> runs the comparisons as interleaved CPU-time batches
/// (see <see cref="CpuTimeComparison"/>).
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
            return CpuTimeComparison.Run(Console.Out, cpu + 1 < args.Length ? args[cpu + 1] : null);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
        return 0;
    }
}
