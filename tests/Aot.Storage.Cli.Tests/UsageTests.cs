using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class UsageTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public static TheoryData<string[]> UsageErrors => new()
    {
        Array.Empty<string>(),
        new[] { "bogus" },
        new[] { "ls", "a", "b" },
        new[] { "verify", "--bogus" },
        new[] { "ls", "pod", "--bogus" },
        new[] { "show" },
        new[] { "show", "pod" },
        new[] { "show", "pod", "cid", "state", "extra" },
        new[] { "put", "pod" },
        new[] { "put", "pod", "cid", "state", "file", "extra" },
        new[] { "rm" },
        new[] { "rm", "pod", "cid", "state", "extra" },
        new[] { "verify", "extra" },
        new[] { "lock" },
        new[] { "demo", "--pods" },
        new[] { "put", "pod", "state", "--timeout", "soon" },
        new[] { "show", "pod", "unknown" },
        new[] { "show", "pod", "devices" },
        new[] { "show", "pod", "cid", "network" },
        new[] { "--root", "/tmp/a", "--config-root", "/tmp/b", "ls" },
        new[] { "--root", "", "ls" },
    };

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageErrors_Exit2_WithOneLineOnStandardError(string[] args)
    {
        CliResult result = CliSandbox.RunRaw([], args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("aot-storage: ", line, StringComparison.Ordinal);
        Assert.EndsWith(" (see 'aot-storage --help')", line, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_NamesTheWord()
    {
        CliResult result = CliSandbox.RunRaw([], "bogus");

        Assert.Equal("aot-storage: Unrecognized command or argument 'bogus'. Required command was not provided. (see 'aot-storage --help')", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_IsPrintedOnStandardOutput_WithExit0(string option)
    {
        CliResult result = CliSandbox.RunRaw([], option);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("aot-storage [command] [options]", result.Output, StringComparison.Ordinal);
        foreach (string command in new[] { "demo", "ls", "show", "put", "rm", "verify", "lock" })
        {
            Assert.Contains("\n  " + command + " ", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CommandHelp_ShowsItsArguments()
    {
        CliResult result = CliSandbox.RunRaw([], "show", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("aot-storage show <POD> <CONTAINER|RESOURCE> [<RESOURCE>] [options]", result.Output, StringComparison.Ordinal);
        Assert.Contains("--pretty", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ResponseFiles_AreNotExpanded()
    {
        string file = Path.Combine(_sandbox.Root, "args");
        File.WriteAllText(file, "ls");

        CliResult result = _sandbox.Run("show", "@" + file, "state");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"pod '@{file}'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
