namespace Aot.Storage.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using Stream stdout = Console.OpenStandardOutput();
        using Stream stdin = Console.OpenStandardInput();
        return CliApp.Run(args, stdout, Console.Error, stdin);
    }
}
