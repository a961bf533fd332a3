using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.AotSmoke;

/// <summary>
/// Runs every scenario against a fresh store under a temporary directory and prints one line per scenario.
/// Exit code 0: all checks passed; 1: a check failed (each failure is printed); 2: an unexpected exception.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        DirectoryInfo root = Directory.CreateTempSubdirectory("aot-smoke-");
        var checks = new Checks();
        try
        {
            var store = new VirtContainersStore(new FileSystemStoreOptions
            {
                ConfigRoot = Path.Combine(root.FullName, "config"),
                RunRoot = Path.Combine(root.FullName, "run"),
            });
            var golden = new Golden(Path.Combine(AppContext.BaseDirectory, "golden"));
            var scenarios = new Scenarios(store, golden, checks);

            scenarios.Run();
        }
        catch (Exception ex)
        {
            Console.WriteLine($"ERROR unexpected {ex.GetType().Name}: {ex}");
            return 2;
        }
        finally
        {
            root.Delete(recursive: true);
        }

        if (checks.Failed > 0)
        {
            Console.WriteLine($"AOT smoke failed: {checks.Failed} of {checks.Passed + checks.Failed} checks failed");
            return 1;
        }

        Console.WriteLine($"AOT smoke passed: {checks.Passed} checks");
        return 0;
    }
}
