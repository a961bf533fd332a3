namespace Aot.Storage.Benchmarks.Tests;

/// <summary>
/// Keeps the start-up harness from rotting: publishes the five NativeAOT apps (needs clang, which .ci/run
/// installs) and runs one round of each; every app must exit 0, the store apps must report their timings, and
/// the syscall-floor app must leave the Aot.Storage app's tree byte for byte (the harness checks that first).
/// </summary>
public sealed class StartupSmokeTests
{
    [Fact]
    [Trait("Category", "Publish")]
    public void HarnessPublishesAndRunsEveryAppOnce()
    {
        string work = Path.Combine(Path.GetTempPath(), "aot-storage-startup-smoke-" + Guid.NewGuid().ToString("N"));
        string markdown = work + ".md";
        try
        {
            int exitCode = Aot.Storage.Startup.Program.Main(["--smoke", "--work", work, "--markdown", markdown]);
            string table = File.Exists(markdown) ? File.ReadAllText(markdown) : "(no table)";
            Assert.True(exitCode == 0, table);
            Assert.Contains("(2) Aot.Storage", table, StringComparison.Ordinal);
            Assert.Contains("(3) STJ source-gen", table, StringComparison.Ordinal);
            Assert.Contains("(4) the job's system calls alone", table, StringComparison.Ordinal);
            Assert.Contains("(5) Aot.Storage, one pod and its PodConfig", table, StringComparison.Ordinal);
            Assert.DoesNotContain("NaN", table, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(markdown);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
