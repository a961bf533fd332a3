using BenchmarkDotNet.Running;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*'</c> runs the suite with <see cref="BenchmarkConfig"/>;
/// <c>-- --smoke</c> runs each benchmark once and checks the results (see <see cref="Smoke"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--smoke"))
        {
            return Smoke.Run(Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
        return 0;
    }
}
