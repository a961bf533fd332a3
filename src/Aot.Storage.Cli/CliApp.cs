using System.CommandLine;
using System.CommandLine.Help;
using Aot.Storage.Cli.Commands;
using Aot.Storage.Cli.Infrastructure;

namespace Aot.Storage.Cli;

/// <summary>
/// The <c>aot-storage</c> command line: parses the arguments with System.CommandLine, runs the command
/// against the store the global options select, and maps every failure to an exit code (<see cref="ExitCodes"/>)
/// and one line on standard error. <see cref="Program"/> runs it on the process's standard streams; tests run it
/// in-process on their own.
/// </summary>
public sealed class CliApp
{
    private static readonly ParserConfiguration s_parserConfiguration = new()
    {
        // "@file" must stay a literal argument, and "-rf" must not be read as "-r -f".
        ResponseFileTokenReplacer = null,
        EnablePosixBundling = false,
    };

    private readonly CliOutput _output;
    private readonly TextWriter _error;
    private readonly Stream _input;

    private readonly Option<string?> _rootOption = new("--root")
    {
        Description = "Use DIR/config as the config root and DIR/run as the run root.",
        HelpName = "DIR",
        Recursive = true,
    };

    private readonly Option<string?> _configRootOption = new("--config-root")
    {
        Description = "Root of the config tree (config.json files). Default: $AOT_STORAGE_CONFIG_ROOT, else /var/lib/virtcontainers/pods.",
        HelpName = "DIR",
        Recursive = true,
    };

    private readonly Option<string?> _runRootOption = new("--run-root")
    {
        Description = "Root of the run-time tree (state, network, lock, ...). Default: $AOT_STORAGE_RUN_ROOT, else /run/virtcontainers/pods.",
        HelpName = "DIR",
        Recursive = true,
    };

    private CliApp(CliOutput output, TextWriter error, Stream input)
    {
        _output = output;
        _error = error;
        _input = input;
    }

    internal CliOutput Output => _output;

    internal TextWriter Error => _error;

    internal Stream Input => _input;

    /// <summary>Runs one command line. Standard output is a byte stream, so that <c>show</c> prints the stored bytes exactly.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, Stream stdout, TextWriter stderr, Stream stdin)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdin);
        using var output = new CliOutput(stdout);
        return new CliApp(output, stderr, stdin).Execute(args);
    }

    /// <summary>Runs one command line with standard output as text (bytes reach the stream under a
    /// <see cref="StreamWriter"/>, and are decoded as UTF-8 for any other writer).</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Stream stdin)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdin);
        using var output = new CliOutput(stdout);
        return new CliApp(output, stderr, stdin).Execute(args);
    }

    /// <summary>Opens the store the global options of <paramref name="parseResult"/> select.</summary>
    internal StoreContext OpenStore(ParseResult parseResult) =>
        StoreContext.Open(parseResult.GetValue(_rootOption), parseResult.GetValue(_configRootOption), parseResult.GetValue(_runRootOption));

    /// <summary>Runs a command's body and turns a failure into its exit code and one line on standard error.</summary>
    internal int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ErrorReporting.ExitCodeOf(ex) is int)
        {
            _output.Flush();
            _error.WriteLine(ex is UsageException ? ErrorReporting.DescribeUsage(ex.Message) : ErrorReporting.Describe(ex));
            return ErrorReporting.ExitCodeOf(ex)!.Value;
        }
    }

    private int Execute(string[] args)
    {
        Command root = BuildCommandLine();
        ParseResult parseResult = root.Parse(args, s_parserConfiguration);
        if (parseResult.Errors.Count > 0 && parseResult.Action is not { ClearsParseErrors: true })
        {
            // One line: every complaint of the parser, most specific first (a stray word before "a command is missing").
            IEnumerable<string> messages = parseResult.Errors
                .Select(error => error.Message)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(message => message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0);
            _error.WriteLine(ErrorReporting.DescribeUsage(string.Join(" ", messages)));
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = _output.Text,
            Error = _error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        int exitCode = parseResult.Invoke(invocation);
        _output.Flush();
        return exitCode;
    }

    private Command BuildCommandLine()
    {
        var root = new Command("aot-storage", "Inspect and edit Kata Containers / virtcontainers pod and container state files.")
        {
            _configRootOption,
            _runRootOption,
            _rootOption,
            new HelpOption(),
            new VersionOption(),
            DemoCommand.Create(this),
            ListCommand.Create(this),
            ShowCommand.Create(this),
            PutCommand.Create(this),
            RemoveCommand.Create(this),
            VerifyCommand.Create(this),
            LockCommand.Create(this),
        };
        return root;
    }
}
