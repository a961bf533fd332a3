using System.Text;
using System.Text.RegularExpressions;
using Aot.Storage.ReliabilityTests.Infrastructure;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G11: the system calls of each store and fetch, as <c>strace</c> sees them in a child process, for every resource
/// kind, under a umask that keeps 0640 and one that does not — the write protocol in its order (temporary file
/// created exclusively in the same directory, its mode set when the umask cut it, written, flushed under the
/// durable policy, closed, renamed to a new name with RENAME_NOREPLACE or over a known one after a look at it,
/// directory flushed) and nothing more; a fetch is one open, one positioned read and a close. Needs <c>strace</c> (apt package <c>strace</c>; .ci/run installs
/// it): without it the test fails rather than passes.
/// </summary>
public sealed partial class SyscallProtocolTests(ITestOutputHelper output)
{
    private const string Pod = "pod1";

    private const string TracedCalls = "trace=openat,open,statx,newfstatat,fstat,fchmod,chmod,read,pread64,write,pwrite64,fsync,fdatasync,close,rename,renameat,renameat2,unlinkat,mkdirat,flock,getdents64";

    /// <param name="umask">022 keeps 0640 whole, so openat gives the mode; 077 takes the group's read bit, so every
    /// temporary file gets fchmod.</param>
    [Theory]
    [InlineData("022")]
    [InlineData("077")]
    public void EachStoreAndFetchMakesExactlyTheProtocolsCallsForEveryKind(string umask)
    {
        using var roots = TestRoots.InMemory();
        List<KeyValuePair<string, List<string>>> sections = TraceProtocol(roots, "--umask", umask);
        AssertEachStep(sections, (step, kind) => Expected(step, kind, setsMode: umask != "022"));
    }

    /// <summary>
    /// Where the file system cannot refuse to replace (RENAME_NOREPLACE answered with EINVAL, as on NFS, many FUSE file
    /// systems and kernels before 3.15; here a seccomp filter the child installs after its warm-up pod), the first
    /// store of a new name learns it: its renameat2 fails, it looks at the name and renames plainly. Every later store
    /// looks first, new names included, and makes no other renameat2.
    /// </summary>
    [Fact]
    public void WhereRenameNoReplaceIsRefusedTheFirstNewNameLearnsItAndEveryLaterStoreLooksFirst()
    {
        using var roots = TestRoots.InMemory();
        List<KeyValuePair<string, List<string>>> sections = TraceProtocol(roots, "--refuse-noreplace");
        (string learner, _) = Assert.Single(sections, s => s.Value.Any(call => call.StartsWith("renameat2(", StringComparison.Ordinal)));
        Assert.StartsWith(Pod + " first ", learner, StringComparison.Ordinal);
        string learnerKind = learner.Split(' ')[2];
        AssertEachStep(sections, (step, kind) => Expected(
            step, kind, setsMode: false, step == "first" && kind == learnerKind ? NoReplace.Refused : NoReplace.Unavailable));
    }

    /// <summary>Runs the helper's <c>protocol</c> command under <c>strace -ff</c> and returns the marked steps on
    /// <see cref="Pod"/> (the warm-up pod's steps, which also load code, are left out).</summary>
    private static List<KeyValuePair<string, List<string>>> TraceProtocol(TestRoots roots, params string[] options)
    {
        string tracePrefix = Path.Combine(roots.Base, "trace");
        using ChildProcess child = ChildProcess.Start(
            "strace",
            ["-ff", "-qq", "-s", "256", "-e", TracedCalls, "-o", tracePrefix, "dotnet", ChildProcess.HelperPath, "protocol",
                .. options, "--config", roots.ConfigRoot, "--run", roots.RunRoot, "--pod", Pod]);
        child.WaitForSuccess(TimeSpan.FromMinutes(2));
        return [.. Sections(Directory.GetFiles(roots.Base, "trace.*")).Where(s => s.Key.StartsWith(Pod + " ", StringComparison.Ordinal))];
    }

    /// <summary>Each of the 30 steps (<c>pod1 first|again|fetch kind</c>) must be exactly the calls
    /// <paramref name="expected"/> gives for its step and kind.</summary>
    private void AssertEachStep(List<KeyValuePair<string, List<string>>> sections, Func<string, string, string> expected)
    {
        var failures = new StringBuilder();
        foreach ((string name, List<string> calls) in sections)
        {
            string[] words = name.Split(' ');
            string wanted = expected(words[1], words[2]);
            string actual = string.Join('\n', Normalize(calls));
            if (actual != wanted)
            {
                failures.AppendLine($"--- {name}: expected\n{wanted}\n--- found\n{actual}\n");
            }
        }

        output.WriteLine(failures.ToString());
        Assert.Equal(30, sections.Count);
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>What RENAME_NOREPLACE does for a store of a new name: works; is refused by the file system this once
    /// (EINVAL), so the store looks at the name after the fact; or is known to be unavailable, so the store looks first.</summary>
    private enum NoReplace
    {
        Works,
        Refused,
        Unavailable,
    }

    /// <summary>The calls a step must make: <paramref name="step"/> is first (the file is new: no look, a rename that
    /// refuses to replace — or what <paramref name="noReplace"/> says instead), again (it is replaced: a look, a plain
    /// rename) or fetch; the config kinds live in the config root (Durability.Full by default), the rest in the
    /// run root (Durability.None); fchmod follows the create only when the umask takes bits of 0640.</summary>
    private static string Expected(string step, string kind, bool setsMode, NoReplace noReplace = NoReplace.Works)
    {
        string file = kind[(kind.IndexOf('-', StringComparison.Ordinal) + 1)..] + ".json";
        bool durable = file == "config.json";
        var calls = new List<string>();
        if (step == "fetch")
        {
            calls.Add($"openat(A, \"{file}\", O_RDONLY|O_NOCTTY|O_NONBLOCK|O_NOFOLLOW|O_CLOEXEC) = B");
            calls.Add("pread64(B, 16384, 0) = n");
            calls.Add("close(B) = 0");
            return string.Join('\n', calls);
        }

        // A name the kept directory has not seen is claimed with RENAME_NOREPLACE; a known one is looked at first.
        bool claims = step == "first" && noReplace != NoReplace.Unavailable;
        if (!claims)
        {
            calls.Add($"statx(A, \"{file}\") = {(step == "first" ? "-1 ENOENT" : "0")}");
        }

        calls.Add($"openat(A, \".{file}.tmp-*\", O_WRONLY|O_CREAT|O_EXCL|O_NOCTTY|O_NOFOLLOW|O_CLOEXEC, 0640) = B");
        if (setsMode)
        {
            calls.Add("fchmod(B, 0640) = 0");
        }

        calls.Add("write(B) = n");
        if (durable)
        {
            calls.Add("fsync(B) = 0");
        }

        calls.Add("close(B) = 0");
        if (claims && noReplace == NoReplace.Works)
        {
            calls.Add($"renameat2(A, \".{file}.tmp-*\", A, \"{file}\", RENAME_NOREPLACE) = 0");
        }
        else
        {
            if (claims)
            {
                calls.Add($"renameat2(A, \".{file}.tmp-*\", A, \"{file}\", RENAME_NOREPLACE) = -1 EINVAL");
                calls.Add($"statx(A, \"{file}\") = -1 ENOENT");
            }

            calls.Add($"renameat(A, \".{file}.tmp-*\", A, \"{file}\") = 0");
        }

        if (durable)
        {
            calls.Add("fsync(A) = 0");
        }

        return string.Join('\n', calls);
    }

    /// <summary>The calls between each <c>BEGIN name</c> and <c>END</c> marker line of the thread that wrote them.</summary>
    private static Dictionary<string, List<string>> Sections(string[] traceFiles)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string file in traceFiles)
        {
            List<string>? current = null;
            foreach (string line in File.ReadLines(file))
            {
                Match marker = MarkerPattern().Match(line);
                if (marker.Success)
                {
                    string text = marker.Groups[1].Value;
                    if (text.StartsWith("BEGIN ", StringComparison.Ordinal))
                    {
                        current = [];
                        sections[text["BEGIN ".Length..]] = current;
                    }
                    else
                    {
                        current = null;
                    }

                    continue;
                }

                // Signals (---) and exits (+++) are not calls.
                if (!line.StartsWith("---", StringComparison.Ordinal) && !line.StartsWith("+++", StringComparison.Ordinal))
                {
                    current?.Add(line);
                }
            }
        }

        return sections;
    }

    /// <summary>
    /// One line per call with descriptors named A, B, ... in order of appearance, data and buffer addresses
    /// dropped, byte counts of reads and writes as <c>n</c>, the random part of a temporary name as <c>*</c>.
    /// </summary>
    private static List<string> Normalize(List<string> calls)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Fd(string number)
        {
            if (!names.TryGetValue(number, out string? name))
            {
                name = ((char)('A' + names.Count)).ToString();
                names[number] = name;
            }

            return name;
        }

        var normalized = new List<string>();
        foreach (string line in calls)
        {
            Match call = CallPattern().Match(line);
            if (!call.Success)
            {
                normalized.Add("? " + line);
                continue;
            }

            string syscall = call.Groups[1].Value;
            List<string> args = SplitArguments(call.Groups[2].Value);
            string result = ErrorText().Replace(call.Groups[3].Value.Trim(), string.Empty);
            string text = syscall switch
            {
                "statx" => $"statx({Fd(args[0])}, {args[1]}) = {result}",
                "openat" => $"openat({Fd(args[0])}, {TemporaryName(args[1])}, {string.Join(", ", args.Skip(2))}) = {(result.StartsWith('-') ? result : Fd(result))}",
                "fchmod" => $"fchmod({Fd(args[0])}, {args[1]}) = {result}",
                "write" or "read" => $"{syscall}({Fd(args[0])}) = {(result.StartsWith('-') ? result : "n")}",
                "pread64" or "pwrite64" => $"{syscall}({Fd(args[0])}, {args[2]}, {args[3]}) = {(result.StartsWith('-') ? result : "n")}",
                "fsync" or "fdatasync" or "close" => $"{syscall}({Fd(args[0])}) = {result}",
                "renameat" => $"renameat({Fd(args[0])}, {TemporaryName(args[1])}, {Fd(args[2])}, {args[3]}) = {result}",
                "renameat2" => $"renameat2({Fd(args[0])}, {TemporaryName(args[1])}, {Fd(args[2])}, {args[3]}, {args[4]}) = {result}",
                _ => line,
            };
            normalized.Add(text);
        }

        return normalized;
    }

    private static string TemporaryName(string quoted) => TemporaryNamePattern().Replace(quoted, ".tmp-*\"");

    /// <summary>Splits strace's argument list at top-level commas (not inside quotes, braces or brackets).</summary>
    private static List<string> SplitArguments(string text)
    {
        var args = new List<string>();
        int depth = 0;
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                args.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        args.Add(text[start..].Trim());
        return args;
    }

    [GeneratedRegex("""^write\(\d+, "((?:BEGIN|END)[^"\\]*)\\n", \d+\)\s+= \d+$""")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("""^(\w+)\((.*)\)\s+= (.*)$""")]
    private static partial Regex CallPattern();

    [GeneratedRegex(""" \([^()]*\)$""")]
    private static partial Regex ErrorText();

    [GeneratedRegex("""\.tmp-\d+-[0-9a-f]+"$""")]
    private static partial Regex TemporaryNamePattern();
}
