using System.Globalization;
using Aot.Storage.Native;
using Aot.Storage.ReliabilityTests.Infrastructure;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G9: under umask 000, 022 and 077, a child process (its own umask, set before it touches anything) creates a
/// pod and a container and stores, overwrites and updates every kind through the typed store: every directory
/// is 0750 and every file 0640.
/// </summary>
public sealed class ModeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("000")]
    [InlineData("022")]
    [InlineData("077")]
    [InlineData("777")]
    public void EveryKindStoredUnderAnyUmaskHasTheDocumentedModes(string umask)
    {
        using var roots = new TestRoots();
        using ChildProcess child = ChildProcess.Helper(["modes", .. roots.HelperArgs, "--pod", "pod1", "--ctr", "c1", "--umask", umask, "--durability", "full"]);
        Assert.Equal("ok " + Convert.ToString(Convert.ToUInt32(umask, 8), 8), child.WaitForSuccess(TimeSpan.FromSeconds(60)));

        int directories = 0, files = 0;
        var wrong = new List<string>();
        foreach (string root in new[] { roots.ConfigRoot, roots.RunRoot })
        {
            foreach (string path in Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root))
            {
                Assert.Equal(0, LibC.StatxNoFollow(LibC.AtFdCwd, path, out StatxBuffer st));
                string mode = Convert.ToString(st.Permissions, 8);
                if (st.IsDirectory)
                {
                    directories++;
                    if (mode != "750")
                    {
                        wrong.Add($"{path}: directory mode {mode}");
                    }
                }
                else
                {
                    files++;
                    if (!st.IsRegularFile || mode != "640")
                    {
                        wrong.Add($"{path}: file mode {mode}");
                    }
                }
            }
        }

        Reliability.Figure(output, "G9", string.Create(CultureInfo.InvariantCulture,
            $"umask {umask} in a child process: {directories} directories (0750) and {files} files (0640, 10 kinds + lock) checked, wrong={wrong.Count}"));
        Assert.Equal(6, directories);
        Assert.Equal(11, files);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// The engine learns from its first file and first directory (one fstat each) whether openat and mkdirat give
    /// 0640 and 0750, and sets modes with fchmod only when they do not. A umask changed afterwards to one that cuts
    /// them (077) gives files that are stricter, never looser, until a store finds such a file at its name; from then
    /// on every mode is set again.
    /// </summary>
    [Fact]
    public void AUmaskChangedAfterTheEngineWasMadeGivesStricterFilesUntilTheEngineSeesOne()
    {
        using var roots = new TestRoots();
        using ChildProcess child = ChildProcess.Helper(["umask-change", .. roots.HelperArgs, "--pod", "pod1", "--ctr", "c1", "--umask-later", "077"]);
        child.WaitForSuccess(TimeSpan.FromSeconds(60));

        Assert.Equal(["round1 640", "round2 600", "round3 640", "dirs 750"], child.Lines);
    }
}
